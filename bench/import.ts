/**
 * `npm run bench:import`: a script, not a test. Writes a 100,000-row Freinet-Online style CSV in
 * Windows-1252 (umlauts, `;`, a few bad rows: unknown postal code, malformed email, formula cell,
 * duplicate in file), then against a fresh database runs the dry run, the real import and the
 * same file again (everything "already present"), printing time, rows/s and peak RSS of each.
 * Targets: import ≤ 60 s, RSS ≤ 300 MB. Settings: BENCH_ROWS (100000), BENCH_KEEP=1 keeps the
 * database (dropdb nahbar_bench_import).
 */
import 'reflect-metadata';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { runMigrations } from '../src/cli/database-setup';
import { dataSourceOptions } from '../src/database/data-source';
import { importPostalCodes } from '../src/postal-codes/import-postal-codes';
import { DEFAULT_TAXONOMY } from '../src/taxonomy/default-taxonomy';
import { FREINET_VOLUNTEER_HEADERS, suggestMapping } from '../src/transfer/domain/mapping';
import { detectEncoding } from '../src/transfer/domain/encoding';
import { ImportPhases, ImportRunner, ImportSummary } from '../src/transfer/import-runner';
import { fieldKeysOf } from '../src/transfer/field-keys';
import { dbUrl, dropDatabase, recreateDatabase, sharedPostalCodesFile } from './city-scenario';

const BENCH_DB = 'nahbar_bench_import';
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const FIRST = ['Jürgen', 'Anna', 'Özlem', 'Björn', 'Marie', 'Hans-Peter', 'Ayşe', 'Sören', 'Käthe', 'Lukas'];
const LAST = ['Müller', 'Schröder', 'Weiß', 'Yılmaz', 'Groß', 'Köhler', 'Nowak', 'Bäcker', 'Fuß', 'Lange'];
const FIELDS = [
  'Senior:innen / Leben im Alter',
  'Kinder & Jugend',
  'Flucht & Migration',
  'Umwelt, Natur, Klima & Tierschutz',
  'SPO',
];
const LANGUAGES = ['Deutsch', 'Deutsch, Englisch', 'Türkisch, Deutsch', 'Arabisch', 'Deutsch, Französisch'];

let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};

/** Windows-1252 bytes (all characters used here are in Latin-1; `ı` and `ş` are replaced). */
const cp1252 = (text: string): Buffer => Buffer.from(text.replace(/ı/g, 'i').replace(/ş/g, 's'), 'latin1');

async function writeCsv(path: string, postalCodes: string[]): Promise<void> {
  const out = createWriteStream(path);
  const quote = (value: string): string => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  out.write(cp1252(`${FREINET_VOLUNTEER_HEADERS.join(';')}\r\n`));
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    const first = FIRST[i % FIRST.length];
    const last = `${LAST[(i * 7) % LAST.length]} ${i}`;
    let postal = postalCodes[i % postalCodes.length];
    let email = `person${i}@example.org`;
    let note = 'aus Freinet übernommen';
    if (i % 1000 === 17) {
      postal = '00000';
    } // unknown postal code
    if (i % 1000 === 41) {
      email = 'kein-at-zeichen.example.org';
    } // malformed email
    if (i % 1000 === 73) {
      note = '=HYPERLINK("http://evil.example","klick")';
    } // formula cell
    if (i % 1000 === 99) {
      email = `person${i - 1}@example.org`;
    } // duplicate in file
    const day = String(1 + (i % 28)).padStart(2, '0');
    const cells = [
      i % 2 ? 'Frau' : 'Herr',
      first,
      last,
      `Große Straße ${i % 200}`,
      postal,
      'Hamburg',
      email,
      '040 ' + (1000000 + i),
      i % 3 ? '' : '0170 ' + (2000000 + i),
      `${day}.0${1 + (i % 9)}.19${50 + (i % 50)}`,
      FIELDS[i % FIELDS.length],
      LANGUAGES[i % LANGUAGES.length],
      i % 4 ? '' : `${day}.03.2025`,
      note,
    ];
    chunk += `${cells.map(quote).join(';')}\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(cp1252(chunk))) {
        await once(out, 'drain');
      }
      chunk = '';
    }
  }
  out.write(cp1252(chunk));
  out.end();
  await once(out, 'finish');
}

async function timed(label: string, run: (phases: ImportPhases) => Promise<ImportSummary>): Promise<void> {
  peakRss = 0;
  global.gc?.();
  const timer = setInterval(sampleRss, 50);
  const phases: ImportPhases = {};
  const started = performance.now();
  const summary = await run(phases);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sampleRss();
  console.log(
    `${label.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s  ${Math.round(summary.totalRows / seconds)
      .toLocaleString('en')
      .padStart(8)} rows/s  ` +
      `peak RSS ${(peakRss / 1048576).toFixed(0)} MB  new ${summary.inserted}, already present/duplicate ${summary.duplicates}, ` +
      `rejected ${summary.rejected}, warnings ${summary.warnings}, report lines ${summary.report.length}`,
  );
  // Where the time went (wall clock). The "·" phases are the database's share: they run while
  // the next batch is read and checked, so the phases add up to more than the total.
  for (const [phase, ms] of Object.entries(phases)) {
    console.log(`  ${phase.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
  }
}

async function main(): Promise<void> {
  console.log(`nahbar import benchmark — ${ROWS.toLocaleString('en')} Freinet-style rows, Windows-1252`);
  await recreateDatabase(BENCH_DB);
  await runMigrations(dbUrl(BENCH_DB), (dataSource) =>
    importPostalCodes(dataSource, sharedPostalCodesFile()).then(() => undefined),
  );
  const dataSource = new DataSource({ ...dataSourceOptions(dbUrl(BENCH_DB)), logging: false });
  await dataSource.initialize();
  try {
    const postalCodes = (
      await dataSource.query<{ code: string }[]>(
        `SELECT code FROM postal_code WHERE code LIKE '2%' ORDER BY code LIMIT 200`,
      )
    ).map((row) => row.code);
    const file = join(tmpdir(), `nahbar-bench-import-${process.pid}.csv`);
    await writeCsv(file, postalCodes);
    const sample = await new Promise<Buffer>((resolve) =>
      createReadStream(file, { start: 0, end: 65535 }).on('data', (data) => resolve(data as Buffer)),
    );
    const detected = detectEncoding(sample);
    console.log(`file ${file}: detected ${detected.encoding}, separator ;`);
    const mapping = suggestMapping('volunteers', FREINET_VOLUNTEER_HEADERS);
    const fieldKeys = fieldKeysOf(DEFAULT_TAXONOMY);
    const runner = new ImportRunner(dataSource);
    const run = (dryRun: boolean) => (phases: ImportPhases) =>
      runner.run(
        {
          kind: 'volunteers',
          source: createReadStream(file, { highWaterMark: 1 << 16 }),
          encoding: detected.encoding,
          separator: ';',
          mapping,
          dryRun,
          sourceLabel: 'Freinet-Online',
          staffId: null,
          importId: null,
          phases,
        },
        fieldKeys,
      );
    await timed('dry run', run(true));
    await timed('import', run(false));
    await timed('re-import', run(false));
    const [counts] = await dataSource.query<{ volunteers: number; emails: number; consents: number }[]>(
      `SELECT (SELECT count(*)::int FROM volunteer) AS volunteers,
              (SELECT count(*)::int FROM notification WHERE kind = 'volunteer-email-confirmation') AS emails,
              (SELECT count(*)::int FROM consent_record WHERE mode = 'imported') AS consents`,
    );
    console.log(
      `stored: ${counts.volunteers} volunteers, ${counts.emails} confirmation emails queued, ${counts.consents} consent records`,
    );
  } finally {
    await dataSource.destroy();
    if (!process.env.BENCH_KEEP) {
      await dropDatabase(BENCH_DB);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
