import type { Response } from 'express';
import { once } from 'node:events';
import type { Translator } from '../../i18n';
import { berlinDateOf } from '../../shared/berlin-time';
import { CSV_CONTENT_TYPE, csvChunks, type CsvSeparator, type CsvValue } from '../../shared/csv';
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
  response.status(200);
  response.setHeader('Content-Type', CSV_CONTENT_TYPE);
  response.setHeader('Content-Disposition', `attachment; filename="freiwillige-${berlinDateOf(new Date())}.csv"`);
  response.setHeader('Cache-Control', 'no-store');
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  const chunks = csvChunks(header, rows(), { separator });
  try {
    for await (const chunk of chunks) {
      if (closed) {
        break; // the browser went away: stop reading the database
      }
      if (!response.write(chunk)) {
        await Promise.race([once(response, 'drain'), once(response, 'close')]);
      }
    }
  } finally {
    // Ends the generators, so the export's audit row is written even when the download broke off.
    await chunks.return(undefined);
    await batches.return(undefined);
  }
  response.end();
}
