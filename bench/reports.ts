/**
 * `npm run bench:reports`: a script, not a test. Seeds its own database (nahbar_bench_reports) with
 * five years of history, all with INSERT … SELECT generate_series: 1M volunteers, 1M requests (mixed
 * sources, categories, districts, statuses; 60 % matched), 3M matches (offers and answers), 200k
 * placements, 2M hour entries and 100k advisory interviews, clustered in time order as real tables
 * grow. Before measuring, the report rollup is filled as the worker's first run does (backfill of
 * the whole history, timed) and one incremental run after a late edit is timed; the reports then
 * read closed days from the rollup (docs/reports.md "Rollup"). Then computes each report (this
 * month, a quarter, last year, this year, two custom ranges × district, category, source) N times through
 * ReportsService (the same call the page and the API make) and prints p50/p95 against the 300 ms
 * budget, with the time of the first view (a closed custom range is computed live once, then kept:
 * docs/reports.md "Custom ranges"); and, in a process of its own, streams a CSV of 1M rows (keyset
 * batches through csvChunks into a discarding sink) while sampling its RSS (budget 200 MB).
 * Settings: BENCH_SCALE (1 = the full sizes), BENCH_N (20), BENCH_KEEP=1 keeps the database (drop it
 * yourself: dropdb nahbar_bench_reports), BENCH_REUSE=1 measures a kept database again without
 * seeding (pending migrations are run), BENCH_SEED_ONLY=1 only seeds (with BENCH_KEEP=1),
 * BENCH_CSV_ONLY=1 only streams the CSV, BENCH_SOURCE=live measures the live SQL without the
 * rollup, BENCH_REFILL=0 keeps a reused database's rollup (one incremental run instead of the timed
 * backfill).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { runMigrations } from '../src/cli/database-setup';
import { importPostalCodes } from '../src/postal-codes/import-postal-codes';
import { parsePeriod, type ReportPeriod } from '../src/reports/domain/period';
import { BREAKDOWNS } from '../src/reports/reports.queries';
import { ReportRollupService } from '../src/reports/report-rollup.service';
import { ReportsService } from '../src/reports/reports.service';
import { addDays, berlinDateOf } from '../src/shared/berlin-time';
import { csvChunks, type CsvValue } from '../src/shared/csv';
import type { AuditService } from '../src/staff/audit.service';
import {
  dbUrl,
  dropDatabase,
  latencyLine,
  percentile,
  POINTS_SQL,
  RANDOM_SQL,
  recreateDatabase,
  sharedPostalCodesFile,
  VOLUNTEERS_SQL,
} from './city-scenario';

const BENCH_DB = process.env.BENCH_DB ?? 'nahbar_bench_reports';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const VOLUNTEERS = Math.round(1_000_000 * SCALE);
const REQUESTS = Math.round(1_000_000 * SCALE);
const PLACEMENTS = Math.round(200_000 * SCALE);
const HOURS = Math.round(2_000_000 * SCALE);
const INTERVIEWS = Math.round(100_000 * SCALE);
const CSV_ROWS = Math.round(1_000_000 * SCALE);
const N = Number(process.env.BENCH_N ?? 20);
const BUDGET_MS = 300;
const RSS_BUDGET_MB = 200;
/** Rows per keyset batch, as the agency export fetches them (EXPORT_BATCH); 5,000 peaked at 199 MB. */
const CSV_BATCH = 2000;
const FIVE_YEARS = `interval '1826 days'`;
const REUSE = process.env.BENCH_REUSE === '1';
const SEED_ONLY = process.env.BENCH_SEED_ONLY === '1';
const CSV_ONLY = process.env.BENCH_CSV_ONLY === '1';
const SOURCE = process.env.BENCH_SOURCE === 'live' ? 'live' : 'auto';
const REFILL = process.env.BENCH_REFILL !== '0';

async function step(label: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Seeds on one connection with session_replication_role = replica: the rollup's row triggers (which
 * mark late-edited days dirty) would otherwise fire for every seeded row and slow the bulk inserts
 * several-fold; the rollup is filled from scratch after seeding anyway. (Foreign-key checks are off
 * too; the seed only links rows it created itself.)
 */
async function seed(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SET session_replication_role = replica`);
    const db = {
      query: <T = unknown>(sql: string, params?: unknown[]): Promise<T> =>
        runner.query(sql, params) as Promise<T>,
    };
    await seedRows(db);
  } finally {
    await runner.query(`RESET session_replication_role`);
    await runner.release();
  }
}

async function seedRows(db: {
  query: <T = unknown>(sql: string, params?: unknown[]) => Promise<T>;
}): Promise<void> {
  await db.query(RANDOM_SQL);
  await db.query(POINTS_SQL);
  const [{ points }] = await db.query<{ points: number }[]>(
    `SELECT count(*)::int AS points FROM bench_point`,
  );
  await step(`${VOLUNTEERS} volunteers`, async () => {
    for (let from = 1; from <= VOLUNTEERS; from += 100_000) {
      await db.query(VOLUNTEERS_SQL, [from, Math.min(VOLUNTEERS, from + 99_999), points]);
    }
    await db.query(
      `UPDATE volunteer SET created_at = now() - bench_rand(hashtext(id::text), 51) * ${FIVE_YEARS},
              birth_date = CASE WHEN bench_rand(hashtext(id::text), 52) < 0.7 THEN date '1945-01-01' + floor(bench_rand(hashtext(id::text), 53) * 22000)::int END,
              erased_at = CASE WHEN bench_rand(hashtext(id::text), 54) < 0.05 THEN now() - bench_rand(hashtext(id::text), 55) * interval '300 days' END`,
    );
    await db.query(
      `CREATE TABLE bench_vol AS SELECT row_number() OVER (ORDER BY id) AS idx, id FROM volunteer`,
    );
    await db.query(`CREATE UNIQUE INDEX ON bench_vol (idx)`);
  });
  await step(`${REQUESTS} requests with help-seekers`, async () => {
    await db.query(
      `INSERT INTO help_seeker (name, postal_code, preferred_contact)
       SELECT 'Bench seeker ' || g, '22765', 'phone' FROM generate_series(1, $1::int / 3) g`,
      [REQUESTS],
    );
    await db.query(
      `CREATE TABLE bench_seeker AS SELECT row_number() OVER (ORDER BY id) AS idx, id FROM help_seeker`,
    );
    await db.query(`CREATE UNIQUE INDEX ON bench_seeker (idx)`);
    for (let from = 1; from <= REQUESTS; from += 250_000) {
      await db.query(
        `INSERT INTO help_request (help_seeker_id, source, category, description, postal_code, latitude, longitude, district,
           schedule, status, created_at, matched_at, closed_at, close_reason)
         SELECT s.id, (ARRAY['public-form','phone-intake','provider','call-back'])[1 + floor(bench_rand(g, 61) * 4)::int],
                (ARRAY['shopping','doctor-accompaniment','visiting','paperwork','digital-help'])[1 + floor(bench_rand(g, 62) * 5)::int],
                'Bench request', p.code, p.latitude, p.longitude, p.district,
                '{"kind":"one-off","date":"2026-01-05","start":"10:00","end":"11:00"}'::jsonb,
                CASE WHEN x.r < 0.45 THEN 'done' WHEN x.r < 0.60 THEN 'matched' WHEN x.r < 0.70 THEN 'cancelled'
                     WHEN x.r < 0.80 THEN 'unfulfilled' WHEN x.r < 0.82 THEN 'rejected' ELSE 'open' END,
                x.created, CASE WHEN x.r < 0.60 THEN x.created + bench_rand(g, 64) * interval '200 hours' END,
                CASE WHEN x.r < 0.45 THEN x.created + interval '10 days' WHEN x.r < 0.82 AND x.r >= 0.60 THEN x.created + interval '5 days' END,
                CASE WHEN x.r >= 0.70 AND x.r < 0.80 THEN (ARRAY['nobody-fits','came-too-late'])[1 + floor(bench_rand(g, 65) * 2)::int]
                     WHEN x.r >= 0.80 AND x.r < 0.82 THEN 'spam' END
           FROM generate_series($1::bigint, $2::bigint) g
           CROSS JOIN LATERAL (SELECT bench_rand(g, 63) AS r, now() - bench_rand(g, 66) * ${FIVE_YEARS} AS created) x
           JOIN bench_point p ON p.idx = 1 + floor(bench_rand(g, 67) * $3)::bigint
           JOIN bench_seeker s ON s.idx = 1 + (g % ($4::int / 3))`,
        [from, Math.min(REQUESTS, from + 249_999), points, REQUESTS],
      );
    }
  });
  await step(`${REQUESTS * 3} matches`, async () => {
    await db.query(
      `CREATE TABLE bench_req AS SELECT row_number() OVER (ORDER BY id) AS idx, id, created_at, matched_at FROM help_request`,
    );
    for (let from = 1; from <= REQUESTS; from += 250_000) {
      await db.query(
        `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status, offered_at, responded_at)
         SELECT r.id, v.id, 1, k, 1, '{}',
                CASE WHEN k = 1 AND r.matched_at IS NOT NULL THEN 'accepted'
                     WHEN bench_rand(r.idx * 3 + k, 71) < 0.5 THEN 'declined' ELSE 'expired' END,
                r.created_at + k * interval '1 hour',
                CASE WHEN k = 1 AND r.matched_at IS NOT NULL THEN r.matched_at
                     WHEN bench_rand(r.idx * 3 + k, 71) < 0.5 THEN r.created_at + k * interval '2 hours' END
           FROM bench_req r CROSS JOIN generate_series(1, 3) k
           JOIN bench_vol v ON v.idx = 1 + ((r.idx * 3 + k) % $3::bigint)
          WHERE r.idx BETWEEN $1 AND $2`,
        [from, Math.min(REQUESTS, from + 249_999), VOLUNTEERS],
      );
    }
  });
  await step(`${PLACEMENTS} placements, ${INTERVIEWS} interviews`, async () => {
    const [{ id: providerId }] = await db.query<{ id: string }[]>(
      `INSERT INTO provider (name, contact_person, email, street_address, postal_code, latitude, longitude)
       VALUES ('Bench host', 'Bench', 'host@example.org', 'Straße 1', '22765', 53.55, 9.93) RETURNING id`,
    );
    await db.query(
      `INSERT INTO opportunity (provider_id, title, description, time_pattern, district, postal_code, latitude, longitude, fields_of_activity)
       SELECT $1, 'Bench opportunity ' || g, 'x', '{"kind":"weekly","slots":[{"weekday":2,"start":"15:00","end":"17:00"}]}'::jsonb, p.district, p.code, p.latitude, p.longitude,
              ARRAY[(ARRAY['SEN','MIG','KUL','UMW'])[1 + g % 4]]
         FROM generate_series(1, 500) g JOIN bench_point p ON p.idx = 1 + (g % $2)`,
      [providerId, points],
    );
    await db.query(
      `CREATE TABLE bench_opp AS SELECT row_number() OVER (ORDER BY id) AS idx, id FROM opportunity`,
    );
    await db.query(
      `INSERT INTO placement (volunteer_id, opportunity_id, source, stage, proposed_at, started_on, ended_on, created_at)
       SELECT v.id, o.id, CASE WHEN g % 3 = 0 THEN 'public-interest' ELSE 'staff' END,
              CASE WHEN x.ended IS NOT NULL THEN 'ended' ELSE 'started' END,
              x.proposed, (x.proposed + interval '14 days')::date, x.ended, x.proposed - interval '3 days'
         FROM generate_series(1, $1::int) g
         CROSS JOIN LATERAL (SELECT now() - bench_rand(g, 81) * ${FIVE_YEARS} AS proposed) y
         CROSS JOIN LATERAL (SELECT y.proposed AS proposed,
                CASE WHEN bench_rand(g, 82) < 0.5 THEN (y.proposed + interval '14 days' + bench_rand(g, 83) * interval '500 days')::date END AS ended) x
         JOIN bench_vol v ON v.idx = g
         JOIN bench_opp o ON o.idx = 1 + g % 500`,
      [PLACEMENTS],
    );
    await db.query(
      `INSERT INTO advisory_interview (volunteer_id, held_on)
       SELECT v.id, (now() - bench_rand(g, 91) * ${FIVE_YEARS})::date FROM generate_series(1, $1::int) g JOIN bench_vol v ON v.idx = g`,
      [INTERVIEWS],
    );
  });
  await step(`${HOURS} hour entries`, async () => {
    for (let from = 1; from <= HOURS; from += 500_000) {
      await db.query(
        `INSERT INTO hour_entry (volunteer_id, worked_on, minutes, status, entered_by)
         SELECT v.id, (now() - bench_rand(g, 101) * ${FIVE_YEARS})::date, 30 + floor(bench_rand(g, 102) * 180)::int,
                CASE WHEN bench_rand(g, 103) < 0.9 THEN 'approved' ELSE 'submitted' END, 'volunteer'
           FROM generate_series($1::bigint, $2::bigint) g JOIN bench_vol v ON v.idx = 1 + g % $3::bigint`,
        [from, Math.min(HOURS, from + 499_999), Math.max(1, PLACEMENTS)],
      );
    }
  });
  // An agency's tables grow as things happen, so rows of one month share pages; generated in
  // random time order, every row a report reads was on its own page (this month's live figures
  // read ~10 pages per row from the OS cache).
  await step('rows in time order (CLUSTER)', async () => {
    await db.query(`CLUSTER volunteer USING volunteer_created_at_idx`);
    await db.query(`CLUSTER help_request USING help_request_created_idx`);
    await db.query(`CLUSTER hour_entry USING hour_entry_worked_on_idx`);
    for (const [table, column] of [
      ['match', 'offered_at'],
      ['placement', 'proposed_at'],
    ]) {
      // The indexes on these columns are partial, and CLUSTER needs a whole one.
      await db.query(`CREATE INDEX bench_${table}_time ON ${table} (${column})`);
      await db.query(`CLUSTER ${table} USING bench_${table}_time`);
      await db.query(`DROP INDEX bench_${table}_time`);
    }
  });
  // VACUUM too: the volunteers' created_at was set by an UPDATE after the insert, and the dead
  // index entries (all at the seeding day) made this month's live queries read 660k heap rows.
  await step('VACUUM ANALYZE', () => db.query('VACUUM ANALYZE'));
}

async function measureReports(db: DataSource, service: ReportsService): Promise<boolean> {
  const today = berlinDateOf(new Date());
  const lastYear = String(Number(today.slice(0, 4)) - 1);
  const periods: ReportPeriod[] = [
    { kind: 'month', month: today.slice(0, 7) },
    { kind: 'quarter', quarter: `${lastYear}-Q2` },
    { kind: 'year', year: lastYear },
    // This year so far: its distinct-person figures are read live (docs/reports.md "Rollup").
    { kind: 'year', year: today.slice(0, 4) },
    // Custom ranges read the distinct-person figures live: six weeks across a month boundary, and a
    // funder's year from July to June.
    { kind: 'custom', from: addDays(today, -75), to: addDays(today, -34) },
    { kind: 'custom', from: `${Number(lastYear) - 1}-07-01`, to: `${lastYear}-06-30` },
  ].map((input) => {
    const parsed = parsePeriod(input, today);
    if (!('period' in parsed)) {
      throw new Error(`bad period ${JSON.stringify(input)}`);
    }
    return parsed.period;
  });
  let ok = true;
  // A closed custom range is computed live on its first view and then kept (docs/reports.md
  // "Custom ranges"): forget earlier runs' so the first view below really computes.
  await db.query(`DELETE FROM report_period_figure p USING (SELECT period_from, period_to FROM report_period_figure
    WHERE measure = 'computed' AND key = 'custom') c WHERE p.period_from = c.period_from AND p.period_to = c.period_to`);
  for (const period of periods) {
    for (const breakdown of BREAKDOWNS) {
      const first = performance.now();
      await service.report(period, breakdown, new Date(), SOURCE); // warm; a custom range's first view
      const firstMs = performance.now() - first;
      const samples: number[] = [];
      for (let i = 0; i < N; i += 1) {
        const started = performance.now();
        await service.report(period, breakdown, new Date(), SOURCE);
        samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      const p95 = percentile(samples, 95);
      ok &&= p95 <= BUDGET_MS;
      console.log(
        `${latencyLine(`report ${period.kind} ${period.label} by ${breakdown}`, samples)}  ${p95 <= BUDGET_MS ? 'ok' : 'OVER'}; first view ${firstMs.toFixed(0)} ms`,
      );
    }
  }
  return ok;
}

/** The worker's first run (backfill), then a late edit and one incremental run, both timed. */
async function fillRollup(db: DataSource): Promise<void> {
  const rollup = new ReportRollupService(db);
  await db.query(
    `TRUNCATE report_daily, report_monthly, report_period_figure, report_rollup_state, report_dirty_day`,
  );
  let run: Awaited<ReturnType<ReportRollupService['refresh']>> = null;
  await step('rollup backfill (first run of the job)', async () => {
    run = await rollup.refresh();
  });
  console.log(`    ${JSON.stringify(run)}`);
  // A request received ten months ago is closed only now, one from last year changes district.
  await db.query(
    `UPDATE help_request SET status = 'done', closed_at = created_at + interval '40 days'
      WHERE id IN (SELECT id FROM help_request WHERE status = 'open' AND created_at < now() - interval '300 days' LIMIT 20)`,
  );
  await db.query(
    `UPDATE help_request SET district = 'Ottensen' WHERE id IN (SELECT id FROM help_request WHERE created_at < now() - interval '400 days' LIMIT 5)`,
  );
  await step('rollup incremental run after late edits', async () => {
    run = await rollup.refresh();
  });
  console.log(`    ${JSON.stringify(run)}`);
  await step('rollup incremental run, nothing late', async () => {
    run = await rollup.refresh();
  });
  await db.query('ANALYZE report_daily, report_period_figure');
}

/** Streams CSV_ROWS rows of help_request as CSV into a sink, in keyset batches; returns peak RSS. */
async function measureCsv(db: DataSource): Promise<boolean> {
  let peak = process.memoryUsage().rss;
  console.log(`  RSS before the export: ${(peak / 1024 / 1024).toFixed(0)} MB`);
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  let bytes = 0;
  const sink = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  async function* batches(): AsyncGenerator<CsvValue[][]> {
    let after = '00000000-0000-0000-0000-000000000000';
    let left = CSV_ROWS;
    while (left > 0) {
      const rows = await db.query<
        { id: string; created_at: Date; district: string; category: string; source: string; status: string }[]
      >(
        `SELECT id, created_at, district, category, source, status FROM help_request WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, Math.min(CSV_BATCH, left)],
      );
      if (rows.length === 0) {
        return;
      }
      after = rows[rows.length - 1].id;
      left -= rows.length;
      yield rows.map((row) => [row.id, row.created_at, row.district, row.category, row.source, row.status]);
    }
  }
  const started = performance.now();
  for await (const chunk of csvChunks(
    ['id', 'created_at', 'district', 'category', 'source', 'status'],
    batches(),
    { separator: ';' },
  )) {
    if (!sink.write(chunk)) {
      await new Promise((resolve) => sink.once('drain', resolve));
    }
  }
  sink.end();
  clearInterval(timer);
  const peakMb = peak / 1024 / 1024;
  console.log(
    `CSV export of ${CSV_ROWS} rows: ${((performance.now() - started) / 1000).toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(0)} MB written, peak RSS ${peakMb.toFixed(0)} MB (budget ${RSS_BUDGET_MB} MB) ${peakMb <= RSS_BUDGET_MB ? 'ok' : 'OVER'}`,
  );
  return peakMb <= RSS_BUDGET_MB;
}

/**
 * The CSV figure from a process that only streams (this script with BENCH_CSV_ONLY, no migrations):
 * measured here, the RSS would include what seeding, migrating and the reports left behind
 * (146 MB before the first row).
 */
async function csvInOwnProcess(): Promise<boolean> {
  const child = spawn(process.execPath, [__filename], {
    env: { ...process.env, BENCH_CSV_ONLY: '1', BENCH_REUSE: '1', BENCH_KEEP: '1', BENCH_DB },
    stdio: 'inherit',
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code === 0;
}

async function main(): Promise<void> {
  console.log(`bench:reports — ${REUSE ? 'reusing' : 'seeding'} ${BENCH_DB}, reports read ${SOURCE}`);
  if (!REUSE) {
    await recreateDatabase(BENCH_DB);
  }
  if (!(CSV_ONLY && REUSE)) {
    await runMigrations(dbUrl(BENCH_DB), (dataSource) =>
      importPostalCodes(dataSource, sharedPostalCodesFile()).then(() => undefined),
    );
  }
  const db = new DataSource({ type: 'postgres', url: dbUrl(BENCH_DB), extra: { max: CSV_ONLY ? 2 : 12 } });
  await db.initialize();
  try {
    if (!REUSE) {
      await seed(db);
      if (SEED_ONLY) {
        console.log(`seeded ${BENCH_DB}; measure it with BENCH_REUSE=1`);
        return;
      }
    }
    if (CSV_ONLY) {
      const ok = await measureCsv(db);
      console.log(ok ? 'within budget' : 'over budget');
      process.exitCode = ok ? 0 : 2;
      return;
    }
    if (SOURCE === 'auto' && REFILL) {
      await fillRollup(db);
    } else if (SOURCE === 'auto') {
      await step('rollup incremental run (kept rollup)', () => new ReportRollupService(db).refresh());
    }
    const audit = { record: () => Promise.resolve() } as unknown as AuditService;
    const service = new ReportsService(db, audit);
    const reportsOk = await measureReports(db, service);
    const csvOk = await csvInOwnProcess();
    console.log(reportsOk && csvOk ? 'all within budget' : 'some figures over budget');
  } finally {
    await db.destroy();
    if (process.env.BENCH_KEEP !== '1') {
      await dropDatabase(BENCH_DB);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
