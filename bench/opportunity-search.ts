/**
 * `npm run bench:opportunities:search`: a script, not a test. Runs the API as a child process
 * (`dist/src/main.js`) on its own database (`nahbar_bench_opportunity_search`, dropped afterwards)
 * with 20,000 published opportunities spread over Hamburg's postal codes (written with one
 * INSERT … SELECT), fires public searches (`GET /engagement?…`, mixed filters: distance 5/10/25 km
 * from a postal code, field, weekday, language, suitability, district, remote, pages 1–3) at a paced
 * rate, and prints p50/p95/p99, the rate achieved and the plans of representative searches.
 * Target: p95 ≤ 50 ms at 100 searches/s.
 * Settings: BENCH_RATE (100), BENCH_SECONDS (30), BENCH_OPPORTUNITIES (20000).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabaseExists, runMigrations } from '../src/cli/database-setup';
import { importPostalCodes } from '../src/postal-codes/import-postal-codes';
import {
  clearQueuePrefix,
  printSearchPlans,
  runSearchLoad,
  SEARCH_FIELDS as FIELDS,
  SEARCH_LANGUAGES as LANGUAGES,
  startApi,
  stopApi,
} from './opportunity-search-load';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'nahbar_bench_opportunity_search';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 20_000);
const PORT = Number(process.env.BENCH_PORT ?? 3923);
const BASE = `http://127.0.0.1:${PORT}`;
const SHARED_POSTAL_CODES = join(__dirname, '..', '..', '..', 'shared', 'data', 'postal-codes-de.csv');

const dbUrl = (name: string): string => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** 20,000 published opportunities over Hamburg's postal codes, one statement. */
async function seed(db: Client): Promise<{ postalCodes: string[]; districts: string[] }> {
  const codes = (
    await db.query<{ code: string }>(
      `SELECT code FROM postal_code WHERE code ~ '^2[0-2]' AND latitude BETWEEN 53.39 AND 53.75 ORDER BY code`,
    )
  ).rows.map((row) => row.code);
  if (codes.length === 0) {
    throw new Error('no Hamburg postal codes imported');
  }
  const [{ id: providerId }] = (
    await db.query<{ id: string }>(
      `INSERT INTO provider (postal_code, latitude, longitude, district, name, contact_person, email, street_address)
       SELECT code, latitude, longitude, district, 'Bench Träger', 'Frau Bench', 'bench@example.org', 'Benchweg 1'
         FROM postal_code WHERE code = $1 RETURNING id`,
      [codes[0]],
    )
  ).rows;
  await db.query(
    `WITH pc AS (SELECT row_number() OVER (ORDER BY code) - 1 AS n, code, latitude, longitude, district
                   FROM postal_code WHERE code = ANY($3::text[]))
     INSERT INTO opportunity (provider_id, title, description, tasks, fields_of_activity, remote, postal_code,
                              latitude, longitude, district, street_address, time_pattern, min_commitment_months,
                              places, languages, skills, for_newcomers, little_german_ok, accessible, host_offers,
                              contact_name, status, published_at, review_by)
     SELECT $1, 'Angebot ' || g, 'Beschreibung ' || g, 'Aufgaben ' || g,
            ARRAY[($4::text[])[1 + g % 12]] || CASE WHEN g % 5 = 0 THEN ARRAY[($4::text[])[1 + (g / 5) % 12]] ELSE '{}'::text[] END,
            g % 20 = 0,
            CASE WHEN g % 20 = 0 THEN NULL ELSE pc.code END,
            CASE WHEN g % 20 = 0 THEN NULL ELSE pc.latitude + ((g % 7) - 3) * 0.002 END,
            CASE WHEN g % 20 = 0 THEN NULL ELSE pc.longitude + ((g % 11) - 5) * 0.002 END,
            CASE WHEN g % 20 = 0 THEN NULL ELSE pc.district END,
            CASE WHEN g % 20 = 0 THEN NULL ELSE 'Straße ' || g END,
            CASE WHEN g % 9 = 0 THEN '{"kind":"flexible","hoursPerWeek":3}'::jsonb
                 ELSE jsonb_build_object('kind', 'weekly', 'slots', jsonb_build_array(jsonb_build_object(
                        'weekday', 1 + g % 7, 'start', lpad((8 + g % 10)::text, 2, '0') || ':00',
                        'end', lpad((10 + g % 10)::text, 2, '0') || ':00'))) END,
            CASE WHEN g % 3 = 0 THEN NULL ELSE 3 + g % 10 END,
            1 + g % 4,
            CASE WHEN g % 4 = 0 THEN ARRAY[($5::text[])[1 + g % 7]] ELSE '{}'::text[] END,
            '{}'::text[], g % 3 = 0, g % 4 = 1, g % 2 = 0, ARRAY['induction', 'insurance'],
            'Kontakt ' || g, CASE WHEN g % 10 = 9 THEN 'draft' ELSE 'published' END,
            now() - (g % 1000) * interval '1 hour', current_date + 60
       FROM generate_series(1, $2::int) AS g
       JOIN pc ON pc.n = g % $6`,
    [providerId, Math.round(OPPORTUNITIES / 0.9), codes, FIELDS, LANGUAGES, codes.length],
  );
  await db.query('ANALYZE opportunity');
  const districts = (
    await db.query<{ district: string }>(
      `SELECT DISTINCT district FROM opportunity WHERE status = 'published' AND district IS NOT NULL`,
    )
  ).rows.map((row) => row.district);
  return { postalCodes: codes, districts };
}

async function main(): Promise<void> {
  console.log(
    `nahbar opportunity-search benchmark — ${OPPORTUNITIES} published, ${RATE} searches/s for ${SECONDS} s`,
  );
  await admin(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await ensureDatabaseExists(dbUrl(BENCH_DB));
  await runMigrations(dbUrl(BENCH_DB), async (dataSource) => {
    // The full German list when the repository has it (Hamburg's ~100 codes), else the demo set.
    await importPostalCodes(dataSource, existsSync(SHARED_POSTAL_CODES) ? SHARED_POSTAL_CODES : null);
  });
  const db = new Client({ connectionString: dbUrl(BENCH_DB) });
  await db.connect();
  const prefix = `nahbar_bench_opp_${randomBytes(4).toString('hex')}`;
  let api: ChildProcess | undefined;
  try {
    const seedStarted = performance.now();
    const { postalCodes, districts } = await seed(db);
    const [{ published }] = (
      await db.query<{ published: number }>(
        `SELECT count(*)::int AS published FROM opportunity WHERE status = 'published'`,
      )
    ).rows;
    console.log(
      `seeded ${published} published opportunities over ${postalCodes.length} Hamburg postal codes in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    api = await startApi(BASE, {
      NODE_ENV: 'production',
      PORT: String(PORT),
      PUBLIC_BASE_URL: BASE,
      LINK_SECRET: 'bench-only-secret-bench-only-secret-0123',
      DATABASE_URL: dbUrl(BENCH_DB),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    const load = await runSearchLoad({ base: BASE, rate: RATE, seconds: SECONDS, postalCodes, districts });
    console.log(load.line);
    await printSearchPlans(db, postalCodes[Math.floor(postalCodes.length / 2)]);
  } finally {
    await db.end();
    await stopApi(api);
    await clearQueuePrefix(REDIS_URL, prefix);
    await admin(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
