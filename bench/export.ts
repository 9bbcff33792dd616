/**
 * `npm run bench:export`: a script, not a test. Fills a fresh database with BENCH_SCALE × 1,000,000
 * audit-log rows (a wide table with JSON details and formula-like cells) and runs "export
 * everything" into a byte-counting sink, printing rows/s, zip size and peak RSS. Target: memory
 * stays flat (≤ 200 MB) whatever the row count, because each table is read by a cursor in batches
 * and written with back-pressure. BENCH_KEEP=1 keeps the database (dropdb nahbar_bench_export).
 */
import 'reflect-metadata';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { runMigrations } from '../src/cli/database-setup';
import { dataSourceOptions } from '../src/database/data-source';
import type { AuditService } from '../src/staff/audit.service';
import type { AuthenticatedStaff } from '../src/staff/staff-auth.service';
import { AgencyExportService } from '../src/transfer/export/agency-export.service';
import { dbUrl, dropDatabase, recreateDatabase } from './city-scenario';

const BENCH_DB = 'nahbar_bench_export';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ROWS = Math.round(1_000_000 * SCALE);

let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

async function main(): Promise<void> {
  await recreateDatabase(BENCH_DB);
  await runMigrations(dbUrl(BENCH_DB));
  const dataSource = new DataSource(dataSourceOptions(dbUrl(BENCH_DB)));
  await dataSource.initialize();
  try {
    const filled = performance.now();
    await dataSource.query(
      `INSERT INTO audit_log (staff_user_id, action, entity_type, entity_id, details, at)
       SELECT NULL, 'volunteer.updated', 'volunteer', gen_random_uuid()::text,
              jsonb_build_object('field', 'name', 'from', '=SUM(A' || i || ')', 'to', 'Jürgen Müller ' || i),
              now() - (i || ' seconds')::interval
         FROM generate_series(1, $1) AS i`,
      [ROWS],
    );
    console.log(`filled ${ROWS} audit_log rows in ${((performance.now() - filled) / 1000).toFixed(1)} s`);
    const audits: unknown[] = [];
    const audit = {
      record: (entry: unknown) => Promise.resolve(void audits.push(entry)),
    } as unknown as AuditService;
    const service = new AgencyExportService(dataSource, audit);
    let bytes = 0;
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        setImmediate(done); // like a socket: asynchronous, so back-pressure is real
      },
    });
    peakRss = 0;
    const timer = setInterval(sampleRss, 50);
    const started = performance.now();
    const result = await service.write(sink, { id: 'bench' } as AuthenticatedStaff, {
      separator: ';',
      channel: 'api',
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    sampleRss();
    console.log(
      [
        `export everything: ${result?.rows ?? 0} rows in ${result?.tables ?? 0} tables`,
        `${seconds.toFixed(1)} s, ${Math.round((result?.rows ?? 0) / seconds)} rows/s`,
        `zip ${(bytes / 1024 / 1024).toFixed(1)} MB, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (target ≤ 200 MB)`,
      ].join('; '),
    );
  } finally {
    await dataSource.destroy();
    if (process.env.BENCH_KEEP !== '1') {
      await dropDatabase(BENCH_DB);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
