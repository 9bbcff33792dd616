import { VOLUNTEER_STATUSES, type VolunteerStatus } from '../../shared/volunteer-profile';

export const CERTIFICATE_FILTERS = ['valid', 'missing', 'expired'] as const;
export type CertificateFilter = (typeof CERTIFICATE_FILTERS)[number];
export const VOLUNTEER_PAGE_SIZE = 50;

/** The volunteer list's filters, as read from the query string; anything unusable is dropped. */
export interface VolunteerFilters {
  q?: string;
  skill?: string;
  language?: string;
  district?: string;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday?: number;
  certificate?: CertificateFilter;
  status?: VolunteerStatus;
  page: number;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 120) : undefined;

export function readVolunteerFilters(query: Record<string, unknown>): VolunteerFilters {
  const weekday = Number(query.weekday);
  const page = Number(query.page);
  const language = str(query.language)?.toLowerCase();
  const certificate = str(query.certificate);
  const status = str(query.status);
  return {
    q: str(query.q),
    skill: str(query.skill),
    language: language && /^[a-z]{2,3}$/.test(language) ? language : undefined,
    district: str(query.district),
    weekday: Number.isInteger(weekday) && weekday >= 1 && weekday <= 7 ? weekday : undefined,
    certificate: (CERTIFICATE_FILTERS as readonly string[]).includes(certificate ?? '')
      ? (certificate as CertificateFilter)
      : undefined,
    status: (VOLUNTEER_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as VolunteerStatus)
      : undefined,
    page: Number.isInteger(page) && page >= 0 && page < 1000 ? page : 0,
  };
}

/** Query string of the filters (for pagination links), without empty ones. */
export function volunteerFiltersQuery(filters: VolunteerFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'skill', 'language', 'district', 'weekday', 'certificate', 'status'] as const) {
    const value = filters[key];
    if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  if (page > 0) {
    params.set('page', String(page));
  }
  return params.toString();
}

/**
 * One SQL statement for the list: every filter is a predicate an index can serve (trigram GIN on
 * name and email, GIN on skills and languages, btree on district and status in name order), the
 * weekday test reads the stored availability mask. One row more than a page tells if there is a next.
 */
export function volunteerSearchSql(
  filters: VolunteerFilters,
  options: { skills: string[]; certificateValidityYears?: number },
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  let textHits = '';
  if (filters.q) {
    const pattern = param(`%${filters.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    // The trigram indexes find the matching rows first; left to itself the planner may walk the
    // whole name index looking for a rare email match.
    textHits = `WITH hits AS MATERIALIZED (
        SELECT id FROM volunteer WHERE lower(name) LIKE ${pattern}
        UNION SELECT id FROM volunteer WHERE email LIKE ${pattern})
      `;
    where.push(`v.id IN (SELECT id FROM hits)`);
  }
  if (filters.skill) {
    where.push(`v.skills && ${param(options.skills)}::text[]`);
  }
  if (filters.language) {
    where.push(`v.language_codes @> ARRAY[${param(filters.language)}::text]`);
  }
  if (filters.district) {
    where.push(`v.district = ${param(filters.district)}`);
  }
  if (filters.weekday) {
    // Bits (day-1)*48 … +47 of the mask are that day's half-hours (see the availability-mask migration).
    where.push(
      `position(B'1' IN substring(v.availability_mask FROM ${param((filters.weekday - 1) * 48 + 1)}::int FOR 48)) > 0`,
    );
  }
  if (filters.certificate === 'missing') {
    where.push(`v.certificate_inspected_on IS NULL`);
  } else if (filters.certificate) {
    const cutoff = `(current_date - make_interval(years => ${param(options.certificateValidityYears ?? 5)}::int))`;
    where.push(
      filters.certificate === 'valid'
        ? `v.certificate_inspected_on >= ${cutoff}`
        : `v.certificate_inspected_on < ${cutoff}`,
    );
  }
  if (filters.status) {
    where.push(`v.status = ${param(filters.status)}`);
  }
  const sql = `${textHits}SELECT v.id, v.name, v.email, v.district, v.status, v.skills, v.language_codes AS "languageCodes",
      v.certificate_inspected_on::text AS "certificateInspectedOn", v.away_until::text AS "awayUntil"
    FROM volunteer v ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY v.name, v.id LIMIT ${VOLUNTEER_PAGE_SIZE + 1} OFFSET ${filters.page * VOLUNTEER_PAGE_SIZE}`;
  return { sql, params };
}
