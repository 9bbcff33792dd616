import type { CsvValue } from '../shared/csv';
import { describeTimePattern } from './time-text';
import type { PublicOpportunity } from './opportunity-search.service';

/**
 * The columns of the Engagement-Plattform upload (docs/engagement-platform.md maps them to the
 * bagfa template). Header names are stable: agencies map by them.
 */
export const PLATFORM_EXPORT_HEADER = [
  'id',
  'title',
  'description',
  'tasks',
  'organisation',
  'postal_code',
  'city',
  'district',
  'address',
  'remote',
  'fields_of_activity',
  'time_effort',
  'min_commitment_months',
  'start',
  'places',
  'contact_name',
  'contact_organisation',
  'contact_email',
  'contact_phone',
  'requirements',
  'languages',
  'target_groups',
  'host_offers',
  'url',
  'updated_at',
] as const;

export function platformExportRow(
  row: PublicOpportunity,
  agency: { name: string; email: string; phone: string; city: string },
  base: string,
): CsvValue[] {
  const requirements = [
    row.requiresCertificate ? 'certificate-of-conduct' : null,
    row.minimumAge !== null ? `minimum-age:${row.minimumAge}` : null,
    ...row.skills.map((skill) => `skill:${skill}`),
  ].filter((item): item is string => item !== null);
  const targetGroups = [
    row.forNewcomers ? 'newcomers' : null,
    row.littleGermanOk ? 'little-german' : null,
    row.accessible ? 'accessible' : null,
  ].filter((item): item is string => item !== null);
  return [
    row.id,
    row.title,
    row.description,
    row.tasks,
    row.host,
    row.remote ? null : row.postalCode,
    row.remote ? null : agency.city,
    row.district,
    row.streetAddress,
    row.remote ? 'yes' : 'no',
    row.fieldsOfActivity.join(', '),
    describeTimePattern(row.timePattern),
    row.minCommitmentMonths,
    row.timePattern.kind === 'one-off' ? row.timePattern.date : 'ongoing',
    row.places,
    row.contactName,
    agency.name,
    agency.email,
    agency.phone,
    requirements.join(', '),
    row.languages.join(', '),
    targetGroups.join(', '),
    row.hostOffers.join(', '),
    `${base}/engagement/${row.id}`,
    new Date(row.updatedAt).toISOString(),
  ];
}
