import type { Response } from 'express';
import { sendCsvDownload } from '../common/csv-response';
import { berlinDateOf } from '../shared/berlin-time';
import { csvChunks, type CsvValue } from '../shared/csv';
import { PLATFORM_EXPORT_HEADER, platformExportRow } from './opportunity-export';
import type { PublicOpportunity } from './opportunity-search.service';

/** Streams the platform export (`;`, BOM); ends the batches so the audit row is written even on abort. */
export async function streamPlatformExport(
  response: Response,
  batches: AsyncGenerator<PublicOpportunity[]>,
  agency: { name: string; email: string; phone: string; city: string },
  publicBaseUrl: string,
): Promise<void> {
  const base = publicBaseUrl.replace(/\/$/, '');
  async function* rows(): AsyncGenerator<CsvValue[][]> {
    for await (const batch of batches) {
      yield batch.map((row) => platformExportRow(row, agency, base));
    }
  }
  try {
    await sendCsvDownload(
      response,
      `engagement-angebote-${berlinDateOf(new Date())}.csv`,
      csvChunks(PLATFORM_EXPORT_HEADER, rows(), { separator: ';' }),
    );
  } finally {
    await batches.return(undefined);
  }
}
