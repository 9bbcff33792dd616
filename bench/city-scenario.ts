/**
 * The deterministic city-dense scenario the benchmarks share: volunteers at real postal-code points
 * (about 70 % in Hamburg), requests in Hamburg. Generated in SQL, so 100,000 rows take seconds.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ensureDatabaseExists } from '../src/cli/database-setup';

export const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const SHARED_POSTAL_CODES = join(__dirname, '..', '..', '..', 'shared', 'data', 'postal-codes-de.csv');
const SHARED_POSTAL_CODES_SRC = join(__dirname, '..', '..', 'shared', 'data', 'postal-codes-de.csv');

/** ../shared/data/postal-codes-de.csv, from dist/bench or from bench/. */
export function sharedPostalCodesFile(): string {
  const file = [SHARED_POSTAL_CODES, SHARED_POSTAL_CODES_SRC].find((path) => existsSync(path));
  if (!file) {
    throw new Error('the benchmark needs ../shared/data/postal-codes-de.csv beside the project');
  }
  return file;
}

export const dbUrl = (name: string): string => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function latencyLine(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${label}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (n=${sorted.length})`;
}

/** A deterministic number in [0, 1) for row g and stream k, so every run builds the same city. */
export const RANDOM_SQL = `CREATE OR REPLACE FUNCTION bench_rand(g bigint, k int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  $$ SELECT (hashint8(g * 1000 + k) & 2147483647)::float8 / 2147483648 $$`;

/** Hamburg's postal codes weighted so about 70 % of the volunteers live there; the rest all over Germany. */
export const POINTS_SQL = `CREATE TABLE bench_point AS
  SELECT row_number() OVER (ORDER BY code, copy) AS idx, code, latitude, longitude, district
    FROM (SELECT p.*, 1 AS copy FROM postal_code p
          UNION ALL
          SELECT p.*, c AS copy FROM postal_code p, generate_series(2, 250) c
           WHERE p.place = 'Hamburg' AND p.district IS NOT NULL) weighted`;

export const VOLUNTEERS_SQL = `INSERT INTO volunteer (name, email, languages, language_codes, skills, interests, postal_code,
    latitude, longitude, district, max_travel_km, availability, max_open_assignments, max_offers_per_week, status,
    certificate_inspected_on, locale, email_confirmed_at)
  SELECT 'Bench ' || g, 'bench-' || g || '@example.org',
         CASE WHEN l.code IS NULL THEN '[{"code":"de","level":"native"}]'::jsonb
              ELSE jsonb_build_array(jsonb_build_object('code','de','level','B2'), jsonb_build_object('code', l.code, 'level', 'native')) END,
         CASE WHEN l.code IS NULL THEN ARRAY['de'] ELSE ARRAY['de', l.code] END,
         string_to_array((ARRAY['shopping,visiting', 'accompaniment.doctor,accompaniment.walk', 'driving,shopping',
                'paperwork,digital', 'interpreting,paperwork', 'handyman,shopping', 'pet-care,accompaniment',
                'tutoring,digital', 'visiting,dementia-care'])[1 + floor(bench_rand(g, 11) * 9)::int], ','),
         '{}', p.code, p.latitude + (bench_rand(g, 3) - 0.5) * 0.012, p.longitude + (bench_rand(g, 4) - 0.5) * 0.02,
         p.district, (ARRAY[2, 3, 5, 5, 8, 10, 15])[1 + floor(bench_rand(g, 5) * 7)::int],
         (ARRAY['[{"weekday":1,"start":"08:00","end":"13:00"},{"weekday":3,"start":"08:00","end":"13:00"},{"weekday":5,"start":"08:00","end":"13:00"}]',
                '[{"weekday":2,"start":"13:00","end":"19:00"},{"weekday":4,"start":"13:00","end":"19:00"}]',
                '[{"weekday":1,"start":"09:00","end":"18:00"},{"weekday":2,"start":"09:00","end":"18:00"},{"weekday":3,"start":"09:00","end":"18:00"},{"weekday":4,"start":"09:00","end":"18:00"},{"weekday":5,"start":"09:00","end":"18:00"}]',
                '[{"weekday":6,"start":"10:00","end":"16:00"},{"weekday":7,"start":"10:00","end":"16:00"}]',
                '[{"weekday":2,"start":"08:00","end":"12:00"},{"weekday":4,"start":"08:00","end":"12:00"}]',
                '[{"weekday":1,"start":"14:00","end":"20:00"},{"weekday":3,"start":"14:00","end":"20:00"},{"weekday":5,"start":"14:00","end":"20:00"}]']
           )[1 + floor(bench_rand(g, 12) * 6)::int]::jsonb,
         1 + floor(bench_rand(g, 6) * 3)::int, 3,
         CASE WHEN bench_rand(g, 7) < 0.94 THEN 'active' WHEN bench_rand(g, 7) < 0.97 THEN 'paused' ELSE 'pending' END,
         CASE WHEN bench_rand(g, 8) < 0.3 THEN date '2024-06-01' + floor(bench_rand(g, 9) * 700)::int END, 'de', now()
    FROM generate_series($1::bigint, $2::bigint) g
    JOIN bench_point p ON p.idx = 1 + floor(bench_rand(g, 1) * $3)::bigint
    LEFT JOIN LATERAL (SELECT CASE WHEN r < 0.15 THEN 'tr' WHEN r < 0.20 THEN 'ar' WHEN r < 0.24 THEN 'uk'
                                   WHEN r < 0.28 THEN 'ru' WHEN r < 0.31 THEN 'fa' WHEN r < 0.33 THEN 'pl'
                                   WHEN r < 0.34 THEN 'kmr' WHEN r < 0.345 THEN 'ckb' END AS code
                         FROM (SELECT bench_rand(g, 10) AS r) x) l ON true`;

/** Requests in Hamburg next week, a realistic mix: 20 % need a language, most need a skill. */
export const REQUESTS_SQL = `INSERT INTO help_request (source, category, description, postal_code, latitude, longitude, district,
    needed_skills, needed_language, schedule, status, matching_round)
  SELECT 'phone-intake', c.category, 'Benchmark request ' || g, p.code, p.latitude, p.longitude, p.district,
         c.skills, CASE WHEN bench_rand(g + $4, 22) < 0.2 THEN (ARRAY['tr','ar','uk','ru','fa'])[1 + floor(bench_rand(g + $4, 23) * 5)::int] END,
         jsonb_build_object('kind', 'one-off', 'date', ($2::date + (g % 5)::int)::text,
                            'start', CASE WHEN g % 2 = 0 THEN '09:00' ELSE '14:00' END,
                            'end', CASE WHEN g % 2 = 0 THEN '11:00' ELSE '16:00' END),
         'matching', 1
    FROM generate_series(1, $1::int) g
    JOIN (SELECT row_number() OVER (ORDER BY code) AS idx, * FROM postal_code WHERE place = 'Hamburg' AND district IS NOT NULL) p
      ON p.idx = 1 + floor(bench_rand(g + $4, 21) * $3)::bigint
    JOIN (VALUES (0, 'shopping', ARRAY['shopping']), (1, 'doctor-accompaniment', ARRAY['accompaniment.doctor']),
                 (2, 'visiting', ARRAY['visiting']), (3, 'paperwork', ARRAY['paperwork']),
                 (4, 'digital-help', ARRAY['digital'])) c(i, category, skills)
      ON c.i = floor(bench_rand(g + $4, 24) * 5)::int
  RETURNING id`;

export function nextMonday(): string {
  const now = new Date();
  const day = now.getUTCDay();
  const monday = new Date(now.getTime() + (((8 - day) % 7) + 7) * 24 * 3600_000);
  return monday.toISOString().slice(0, 10);
}

export async function recreateDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await ensureDatabaseExists(dbUrl(name));
}

export async function createRequests(
  dataSource: DataSource,
  count: number,
  offset: number,
): Promise<string[]> {
  const [{ n }] = await dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM postal_code WHERE place = 'Hamburg' AND district IS NOT NULL`,
  );
  const rows: { id: string }[] = await dataSource.query(REQUESTS_SQL, [count, nextMonday(), n, offset]);
  return rows.map((row) => row.id);
}

/** Drops a benchmark database when the run is over. */
export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
