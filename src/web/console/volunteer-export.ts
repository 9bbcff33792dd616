import type { Response } from 'express';
import type { Translator } from '../../i18n';
import { berlinDateOf } from '../../shared/berlin-time';
import { sendCsvDownload } from '../../common/csv-response';
import { csvChunks, type CsvSeparator, type CsvValue } from '../../shared/csv';
import type { VolunteerExportRow } from '../../volunteers/volunteer-search.service';
import type { Labels } from './pages/labels';
import { codeLabel } from './view';

/**
 * The volunteer search result as CSV, streamed batch by batch: the columns staff need to reach and
 * plan with a volunteer (no birth date, no address beyond the postal code, no notes).
 */
export async function streamVolunteerCsv(
  response: Response,
  t: Translator,
  labels: Labels,
  batches: AsyncGenerator<VolunteerExportRow[]>,
  separator: CsvSeparator,
): Promise<void> {
  const header = [
    t.t('console.common.name'),
    t.t('console.volunteerSearch.column.email'),
    t.t('console.volunteerSearch.column.phone'),
    t.t('console.volunteerSearch.column.postalCode'),
    t.t('console.common.district'),
    t.t('console.common.status'),
    t.t('console.volunteers.skills'),
    t.t('console.volunteerSearch.interest'),
    t.t('console.volunteers.languages'),
    t.t('console.volunteerSearch.column.certificate'),
    t.t('console.volunteers.awayUntil'),
  ];
  const toRow = (row: VolunteerExportRow): CsvValue[] => [
    row.name,
    row.email,
    row.phone,
    row.postalCode,
    row.district,
    codeLabel(t, row.status),
    row.skills.map(labels.skill).join(', '),
    row.interests.map(labels.field).join(', '),
    row.languages.map((language) => `${language.code} (${language.level})`).join(', '),
    row.certificateInspectedOn,
    row.awayUntil,
  ];
  async function* rows(): AsyncGenerator<CsvValue[][]> {
    for await (const batch of batches) {
      yield batch.map(toRow);
    }
  }
  const chunks = csvChunks(header, rows(), { separator });
  try {
    await sendCsvDownload(response, `freiwillige-${berlinDateOf(new Date())}.csv`, chunks);
  } finally {
    // Ends the batches too, so the export's audit row is written even when the download broke off.
    await batches.return(undefined);
  }
}
