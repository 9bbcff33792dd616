/**
 * `npm run bench:opportunities`: the issue-13 figures, a script, not a test. Seeds its own database
 * (`nahbar_bench_opportunity_fit`, dropped afterwards) with 1,000,000 volunteers (the city-dense
 * scenario: about 70 % at Hamburg postal codes, with interests) and 20,000 published opportunities at
 * Hamburg postal codes (weekly, flexible and one-off; 5 % remote), all with generate_series; then
 * 1. ranks the opportunities for ~200 volunteers and 2. the volunteers for ~200 opportunities through
 *    OpportunityFitService (database retrieval plus the engine, in process), one after the other;
 * 3. runs the public search (`GET /engagement?…`, the built API as a child process on the same
 *    database) at 100 searches/s for 30 s;
 * and prints p50/p95/p99 and throughput of each against its budget (25 / 25 / 50 ms), the machine's
 * load average, and the EXPLAIN (ANALYZE, BUFFERS) of both retrieval statements and of
 * representative searches.
 * Settings: BENCH_SCALE (1; 0.05 = 50,000 volunteers and 1,000 opportunities for a quick run),
 * BENCH_VOLUNTEERS / BENCH_OPPORTUNITIES (override the scaled sizes), BENCH_N (200), BENCH_RATE (100),
 * BENCH_SECONDS (30), BENCH_PORT (3924), BENCH_SEARCH=0 skips the search part (no build needed
 * then), BENCH_KEEP=1 keeps the database (drop it yourself: dropdb nahbar_bench_opportunity_fit),
 * BENCH_REUSE=1 measures a kept database again without seeding (e.g. once the machine is idle),
 * BENCH_DB names another database (`nahbar_bench_…`), e.g. a quick run beside a kept full-size one.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApiApp } from '../src/api-app';
import { runMigrations } from '../src/cli/database-setup';
import { loadConfig } from '../src/config/config';
import { OpportunityFitService } from '../src/fit/opportunity-fit.service';
import { importPostalCodes } from '../src/postal-codes/import-postal-codes';
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
import {
  clearQueuePrefix,
  printSearchPlans,
  runSearchLoad,
  SEARCH_BUDGET_MS,
  startApi,
  stopApi,
} from './opportunity-search-load';

const BENCH_DB = process.env.BENCH_DB ?? 'nahbar_bench_opportunity_fit';
if (!/^nahbar_bench_[a-z0-9_]+$/.test(BENCH_DB)) {
  throw new Error(`BENCH_DB must look like nahbar_bench_<letters, digits, _>: ${BENCH_DB}`);
}
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? Math.round(1_000_000 * SCALE));
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? Math.round(20_000 * SCALE));
const N = Number(process.env.BENCH_N ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3924);
const SEARCH = process.env.BENCH_SEARCH !== '0';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BUDGET_MS = 25;

const FIELDS = ['KJ', 'SEN', 'MIG', 'INK', 'GES', 'SOZ', 'NBH', 'BIL', 'KUL', 'SPO', 'UMW', 'DIG'];
const FIELDS_SQL = `ARRAY[${FIELDS.map((f) => `'${f}'`).join(',')}]`;

/** The shared volunteer generator, with one or two fields of interest each. */
const VOLUNTEERS_WITH_INTERESTS_SQL = (() => {
  const marker = `'{}', p.code,`;
  if (!VOLUNTEERS_SQL.includes(marker)) {
    throw new Error('city-scenario VOLUNTEERS_SQL changed: interests column not found');
  }
  return VOLUNTEERS_SQL.replace(
    marker,
    `CASE WHEN bench_rand(g, 14) < 0.1 THEN '{}'::text[]
          WHEN bench_rand(g, 14) < 0.6 THEN ARRAY[(${FIELDS_SQL})[1 + floor(bench_rand(g, 13) * 12)::int]]
          ELSE ARRAY[(${FIELDS_SQL})[1 + floor(bench_rand(g, 13) * 12)::int], (${FIELDS_SQL})[1 + floor(bench_rand(g, 15) * 12)::int]] END,
     p.code,`,
  );
})();

const PROVIDERS_SQL = `INSERT INTO provider (name, contact_person, email, street_address, postal_code, latitude, longitude, district, active, review_status)
  SELECT 'Träger ' || g, 'Kontakt ' || g, 'traeger-' || g || '@example.org', 'Straße ' || g, p.code, p.latitude, p.longitude, p.district, true, 'approved'
    FROM generate_series(1, 500) g
    JOIN (SELECT row_number() OVER (ORDER BY code) AS idx, * FROM postal_code WHERE place = 'Hamburg' AND district IS NOT NULL) p
      ON p.idx = 1 + floor(bench_rand(g, 91) * $1)::bigint`;

/**
 * Opportunities at Hamburg postal codes (jittered), 5 % remote; 60 % weekly slots, 30 % flexible
 * hours, 10 % one-off dates; a fifth need an eFZ, a tenth are 18+, a tenth need Turkish or Arabic.
 */
const OPPORTUNITIES_SQL = `INSERT INTO opportunity (provider_id, title, description, fields_of_activity, remote, postal_code,
    latitude, longitude, district, time_pattern, min_commitment_months, places, requires_certificate, minimum_age,
    languages, skills, for_newcomers, little_german_ok, host_offers, status, review_by, published_at)
  SELECT pr.id, 'Angebot ' || g, 'Benchmark-Angebot ' || g,
         CASE WHEN bench_rand(g, 51) < 0.7 THEN ARRAY[(${FIELDS_SQL})[1 + floor(bench_rand(g, 52) * 12)::int]]
              ELSE ARRAY[(${FIELDS_SQL})[1 + floor(bench_rand(g, 52) * 12)::int], (${FIELDS_SQL})[1 + floor(bench_rand(g, 53) * 12)::int]] END,
         remote,
         CASE WHEN NOT remote THEN p.code END,
         CASE WHEN NOT remote THEN p.latitude + (bench_rand(g, 54) - 0.5) * 0.01 END,
         CASE WHEN NOT remote THEN p.longitude + (bench_rand(g, 55) - 0.5) * 0.016 END,
         CASE WHEN NOT remote THEN p.district END,
         CASE WHEN t < 0.6 THEN jsonb_build_object('kind', 'weekly', 'slots', jsonb_build_array(jsonb_build_object(
                   'weekday', 1 + floor(bench_rand(g, 57) * 7)::int,
                   'start', (ARRAY['09:00','10:00','14:00','15:00','16:00'])[1 + floor(bench_rand(g, 58) * 5)::int],
                   'end', (ARRAY['11:00','12:00','16:00','17:00','18:00'])[1 + floor(bench_rand(g, 58) * 5)::int])))
              WHEN t < 0.9 THEN jsonb_build_object('kind', 'flexible', 'hoursPerWeek', 1 + floor(bench_rand(g, 59) * 4)::int)
              ELSE jsonb_build_object('kind', 'one-off', 'date', (current_date + 14 + floor(bench_rand(g, 60) * 60)::int)::text,
                                      'start', '14:00', 'end', '18:00') END,
         CASE WHEN t < 0.9 THEN 3 END, 1 + floor(bench_rand(g, 61) * 5)::int,
         bench_rand(g, 62) < 0.2, CASE WHEN bench_rand(g, 63) < 0.1 THEN 18 END,
         CASE WHEN bench_rand(g, 64) < 0.05 THEN ARRAY['tr'] WHEN bench_rand(g, 64) < 0.1 THEN ARRAY['ar', 'de'] ELSE '{}' END,
         string_to_array((ARRAY['visiting', 'shopping', 'tutoring', 'digital', 'driving', ''])[1 + floor(bench_rand(g, 65) * 6)::int], ','),
         bench_rand(g, 66) < 0.4, bench_rand(g, 67) < 0.3, ARRAY['induction', 'insurance'], 'published',
         current_date + 60, now()
    FROM (SELECT g, bench_rand(g, 56) < 0.05 AS remote, bench_rand(g, 50) AS t FROM generate_series(1, $1::int) g) s
    JOIN (SELECT row_number() OVER (ORDER BY id) AS idx, id FROM provider) pr ON pr.idx = 1 + (s.g % 500)
    JOIN (SELECT row_number() OVER (ORDER BY code) AS idx, * FROM postal_code WHERE place = 'Hamburg' AND district IS NOT NULL) p
      ON p.idx = 1 + floor(bench_rand(s.g, 70) * $2)::bigint`;

async function seed(dataSource: DataSource): Promise<void> {
  await dataSource.query(RANDOM_SQL);
  await dataSource.query(POINTS_SQL);
  const [{ points }] = await dataSource.query<{ points: number }[]>(
    `SELECT count(*)::int AS points FROM bench_point`,
  );
  for (let from = 1; from <= VOLUNTEERS; from += 100_000) {
    await dataSource.query(VOLUNTEERS_WITH_INTERESTS_SQL, [
      from,
      Math.min(VOLUNTEERS, from + 99_999),
      points,
    ]);
  }
  const [{ hamburg }] = await dataSource.query<{ hamburg: number }[]>(
    `SELECT count(*)::int AS hamburg FROM postal_code WHERE place = 'Hamburg' AND district IS NOT NULL`,
  );
  await dataSource.query(PROVIDERS_SQL, [hamburg]);
  await dataSource.query(OPPORTUNITIES_SQL, [OPPORTUNITIES, hamburg]);
  // Some placements, so the open-placement exclusions and started counts have rows to look at.
  await dataSource.query(
    `INSERT INTO placement (volunteer_id, opportunity_id, stage, source, started_on)
     SELECT v.id, o.id, CASE WHEN o.n % 3 = 0 THEN 'started' ELSE 'advised' END, 'staff',
            CASE WHEN o.n % 3 = 0 THEN current_date - 30 END
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM opportunity LIMIT 5000) o
       JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM volunteer WHERE status = 'active' LIMIT 5000) v ON v.n = o.n`,
  );
  await dataSource.query('VACUUM ANALYZE');
}

const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

/** The latency line plus throughput (calls one after the other) and the verdict against the budget. */
function figures(label: string, samples: number[], seconds: number, budget: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return `${latencyLine(label, samples)}, ${(samples.length / seconds).toFixed(1)}/s one at a time — budget p95 ≤ ${budget} ms: ${p95 <= budget ? 'OK' : 'OVER BUDGET'}`;
}

async function time(samples: number[], work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  samples.push(performance.now() - started);
}

async function main(): Promise<void> {
  console.log(
    `nahbar opportunity-fit benchmark — ${VOLUNTEERS.toLocaleString('en')} volunteers, ${OPPORTUNITIES.toLocaleString('en')} published opportunities, ${N} rankings each way`,
  );
  const started = performance.now();
  const reuse = process.env.BENCH_REUSE === '1';
  if (!reuse) {
    await recreateDatabase(BENCH_DB);
  }
  await runMigrations(dbUrl(BENCH_DB), (dataSource) =>
    importPostalCodes(dataSource, sharedPostalCodesFile()).then(() => undefined),
  );
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LINK_SECRET: 'bench-only-secret-bench-only-secret-0123',
    DATABASE_URL: dbUrl(BENCH_DB),
    QUEUE_PREFIX: `nahbar_bench_fit_${randomBytes(3).toString('hex')}`,
    MAIL_SINK_ENABLED: 'false',
  });
  const app = await createApiApp(config, { logger: ['error'] });
  try {
    const dataSource = app.get(DataSource);
    if (!reuse) {
      await seed(dataSource);
    }
    console.log(`${reuse ? 'reused' : 'seeded'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const fit = app.get(OpportunityFitService);
    const volunteers = (
      await dataSource.query<{ id: string }[]>(
        `SELECT v.id FROM volunteer v JOIN postal_code p ON p.code = v.postal_code
          WHERE v.status = 'active' AND p.place = 'Hamburg' ORDER BY hashtext(v.id::text) LIMIT $1`,
        [N + 20],
      )
    ).map((row) => row.id);
    const opportunities = (
      await dataSource.query<{ id: string }[]>(
        `SELECT id FROM opportunity WHERE status = 'published' AND NOT remote ORDER BY hashtext(id::text) LIMIT $1`,
        [N + 20],
      )
    ).map((row) => row.id);

    const forVolunteer: number[] = [];
    const forOpportunity: number[] = [];
    let rankedOpportunities = 0;
    let rankedVolunteers = 0;
    // 20 warm-up calls each (connections, plan caches), then N measured.
    console.log(`load average before ranking (1 / 5 / 15 min): ${load()}`);
    let phase = performance.now();
    let measured = 0;
    for (const [index, id] of volunteers.entries()) {
      if (index === 20) {
        phase = performance.now();
      }
      const samples = index < 20 ? [] : forVolunteer;
      await time(samples, async () => {
        rankedOpportunities += (await fit.rankOpportunitiesForVolunteer(id, { limit: 20 })).ranked.length;
      });
    }
    measured = (performance.now() - phase) / 1000;
    console.log(
      `${figures('1. opportunities for one volunteer', forVolunteer, measured, BUDGET_MS)}; ${(rankedOpportunities / volunteers.length).toFixed(1)} ranked on average`,
    );
    for (const [index, id] of opportunities.entries()) {
      if (index === 20) {
        phase = performance.now();
      }
      const samples = index < 20 ? [] : forOpportunity;
      await time(samples, async () => {
        rankedVolunteers += (await fit.rankVolunteersForOpportunity(id, {})).ranked.length;
      });
    }
    measured = (performance.now() - phase) / 1000;
    console.log(
      `${figures('2. volunteers for one opportunity', forOpportunity, measured, BUDGET_MS)}; ${(rankedVolunteers / opportunities.length).toFixed(1)} ranked on average`,
    );
    console.log(`load average after ranking: ${load()}`);

    // The retrieval statements alone (database time plus one round trip), for the breakdown.
    const sqlForVolunteer: number[] = [];
    const sqlForOpportunity: number[] = [];
    for (let i = 20; i < Math.min(volunteers.length, opportunities.length); i += 1) {
      const [byVolunteer, byOpportunity] = await fit.retrievalQueries(volunteers[i], opportunities[i]);
      await time(sqlForVolunteer, () => dataSource.query(byVolunteer.sql, byVolunteer.parameters));
      await time(sqlForOpportunity, () => dataSource.query(byOpportunity.sql, byOpportunity.parameters));
    }
    console.log(latencyLine('  retrieval statement alone, opportunities for a volunteer', sqlForVolunteer));
    console.log(latencyLine('  retrieval statement alone, volunteers for an opportunity', sqlForOpportunity));

    // Plus the walk with a needed language (one in six volunteers speaks Turkish): the filtered case.
    const [needsTurkish] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM opportunity WHERE status = 'published' AND NOT remote AND languages = ARRAY['tr'] ORDER BY id LIMIT 1`,
    );
    const planned = await fit.retrievalQueries(volunteers[0], opportunities[0]);
    if (needsTurkish) {
      const [, withLanguage] = await fit.retrievalQueries(volunteers[0], needsTurkish.id);
      planned.push({ ...withLanguage, name: 'volunteers for an opportunity that needs Turkish' });
    }
    for (const query of planned) {
      const plan = await dataSource.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
        query.parameters,
      );
      console.log(
        `\nEXPLAIN (ANALYZE, BUFFERS): ${query.name}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`,
      );
    }
    if (SEARCH) {
      await searchPart();
    }
  } finally {
    await app.close();
    if (process.env.BENCH_KEEP !== '1') {
      await dropDatabase(BENCH_DB);
    }
  }
}

/** 3. The public search, through the built API on the same database. */
async function searchPart(): Promise<void> {
  const base = `http://127.0.0.1:${PORT}`;
  const db = new Client({ connectionString: dbUrl(BENCH_DB) });
  await db.connect();
  const prefix = `nahbar_bench_opp_${randomBytes(4).toString('hex')}`;
  let api: ChildProcess | undefined;
  try {
    const postalCodes = (
      await db.query<{ code: string }>(
        `SELECT DISTINCT postal_code AS code FROM opportunity WHERE status = 'published' AND postal_code IS NOT NULL ORDER BY 1`,
      )
    ).rows.map((row) => row.code);
    const districts = (
      await db.query<{ district: string }>(
        `SELECT DISTINCT district FROM opportunity WHERE status = 'published' AND district IS NOT NULL ORDER BY 1`,
      )
    ).rows.map((row) => row.district);
    api = await startApi(base, {
      NODE_ENV: 'production',
      PORT: String(PORT),
      PUBLIC_BASE_URL: base,
      LINK_SECRET: 'bench-only-secret-bench-only-secret-0123',
      DATABASE_URL: dbUrl(BENCH_DB),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      MAIL_SINK_ENABLED: 'false',
    });
    console.log(`\nload average before the search load: ${load()}`);
    const result = await runSearchLoad({ base, rate: RATE, seconds: SECONDS, postalCodes, districts });
    console.log(`3. ${result.line} (budget ${SEARCH_BUDGET_MS} ms)`);
    console.log(`load average after the search load: ${load()}`);
    await printSearchPlans(db, postalCodes[Math.floor(postalCodes.length / 2)]);
  } finally {
    await db.end();
    await stopApi(api);
    await clearQueuePrefix(REDIS_URL, prefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
