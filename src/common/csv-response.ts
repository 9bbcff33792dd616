import type { Response } from 'express';
import { once } from 'node:events';
import { CSV_CONTENT_TYPE } from '../shared/csv';

/**
 * Streams CSV chunks as a download with back-pressure (waits for the socket to drain before the
 * next batch is read); stops reading when the client goes away, and always ends the generator so
 * its `finally` (e.g. the export's audit row) runs.
 */
export async function sendCsvDownload(
  response: Response,
  filename: string,
  chunks: AsyncGenerator<string>,
): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', CSV_CONTENT_TYPE);
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.setHeader('Cache-Control', 'no-store');
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  try {
    for await (const chunk of chunks) {
      if (closed) {
        break; // the client went away: stop reading the database
      }
      if (!response.write(chunk)) {
        await Promise.race([once(response, 'drain'), once(response, 'close')]);
      }
    }
  } finally {
    await chunks.return(undefined);
  }
  response.end();
}
