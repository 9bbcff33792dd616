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
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { ensureDatabaseExists, runMigrations } from '../src/cli/database-setup';
import {
  DISTANCE_SEARCH_SETTING,
  OpportunitySearchService,
  usesDistance,
} from '../src/engagement/opportunity-search.service';
import { parseOpportunityFilters } from '../src/engagement/domain/opportunity-filters';
import { importPostalCodes } from '../src/postal-codes/import-postal-codes';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'nahbar_bench_opportunity_search';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 20_000);
const PORT = Number(process.env.BENCH_PORT ?? 3923);
const BASE = `http://127.0.0.1:${PORT}`;
const SHARED_POSTAL_CODES = join(__dirname, '..', '..', '..', 'shared', 'data', 'postal-codes-de.csv');
const FIELDS = ['KJ', 'SEN', 'MIG', 'INK', 'GES', 'SOZ', 'NBH', 'BIL', 'KUL', 'SPO', 'UMW', 'DIG'];
const LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa'];

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

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

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

/** A mixed search, the way people narrow one down (deterministic per n). */
function searchQuery(n: number, postalCodes: string[], districts: string[]): string {
  const params = new URLSearchParams();
  const pick = <T>(list: readonly T[], salt: number): T => list[(n * 7919 + salt * 104729) % list.length];
  const shape = n % 10;
  if (shape < 5) {
    params.set('postalCode', pick(postalCodes, 1));
    params.set('km', String(pick([5, 10, 25], 2)));
  } else if (shape < 7 && districts.length > 0) {
    params.set('district', pick(districts, 3));
  } else if (shape === 7) {
    params.set('remote', 'yes');
  }
  if (n % 3 === 0) {
    params.set('field', pick(FIELDS, 4));
  }
  if (n % 4 === 0) {
    params.set('weekday', String(1 + (n % 7)));
  }
  if (n % 6 === 0) {
    params.set('newcomers', 'yes');
  }
  if (n % 8 === 0) {
    params.set('language', pick(LANGUAGES, 5));
  }
  if (n % 11 === 0) {
    params.set('accessible', 'yes');
  }
  if (n % 5 === 0) {
    params.set('page', String(2 + (n % 2)));
  }
  return params.toString();
}

async function get(path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${BASE}${path}`);
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

async function startApi(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) {
        return child;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error('the API did not start');
}

/** The plans of representative searches, built by the service's own SQL. */
async function printPlans(db: Client, postalCode: string): Promise<void> {
  const postalCodes = {
    locate: async (code: string) => {
      const { rows } = await db.query<{ latitude: number; longitude: number }>(
        'SELECT latitude, longitude FROM postal_code WHERE code = $1',
        [code],
      );
      return { postalCode: code, district: null, place: '', ...rows[0] };
    },
  };
  const service = new OpportunitySearchService(
    null as never,
    postalCodes as never,
    null as never,
    null as never,
  );
  const known = { fields: FIELDS, districts: [], languages: LANGUAGES };
  for (const [label, query] of [
    ['10 km around a postal code', { postalCode, km: '10' }],
    ['25 km + field + weekday', { postalCode, km: '25', field: 'SEN', weekday: '2' }],
    ['field only (newest first)', { field: 'KUL' }],
    ['language + newcomers', { language: 'tr', newcomers: 'yes' }],
    ['remote, page 3', { remote: 'yes', page: '3' }],
  ] as const) {
    const { filters } = parseOpportunityFilters(query, known);
    const { sql, params } = await service.searchSql(filters);
    await db.query('BEGIN');
    if (usesDistance(filters)) {
      await db.query(DISTANCE_SEARCH_SETTING);
    }
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    await db.query('COMMIT');
    console.log(`\nplan: ${label}\n${rows.map((row) => `  ${row['QUERY PLAN']}`).join('\n')}`);
  }
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
    api = await startApi({
      NODE_ENV: 'production',
      PORT: String(PORT),
      PUBLIC_BASE_URL: BASE,
      LINK_SECRET: 'bench-only-secret-bench-only-secret-0123',
      DATABASE_URL: dbUrl(BENCH_DB),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    for (let n = 0; n < 300; n += 1) {
      await get(`/engagement?${searchQuery(100_000 + n, postalCodes, districts)}`); // warm-up, not counted
    }
    const total = RATE * SECONDS;
    const interval = 1000 / RATE;
    const results: Promise<{ status: number; ms: number }>[] = [];
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const wait = started + i * interval - performance.now();
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      results.push(get(`/engagement?${searchQuery(i, postalCodes, districts)}`));
    }
    const done = await Promise.all(results);
    const elapsed = (performance.now() - started) / 1000;
    const sorted = done.map((result) => result.ms).sort((a, b) => a - b);
    const statuses = done.reduce<Record<number, number>>((counts, { status }) => {
      counts[status] = (counts[status] ?? 0) + 1;
      return counts;
    }, {});
    const p95 = percentile(sorted, 95);
    console.log(
      `public search: ${total} searches at ${RATE}/s target, ${(total / elapsed).toFixed(1)}/s achieved over ${elapsed.toFixed(1)} s; ` +
        `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms; ` +
        `statuses ${JSON.stringify(statuses)} — target p95 ≤ 50 ms: ${p95 <= 50 ? 'met' : 'MISSED'}`,
    );
    await printPlans(db, postalCodes[Math.floor(postalCodes.length / 2)]);
  } finally {
    await db.end();
    if (api) {
      api.kill('SIGTERM');
      await new Promise((resolve) => api!.once('exit', resolve));
    }
    const redis = new IORedis(REDIS_URL);
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      cursor = nextCursor;
    } while (cursor !== '0');
    redis.disconnect();
    await admin(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
