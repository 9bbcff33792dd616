/**
 * The public opportunity search under load, shared by `bench:opportunities` (on the fit benchmark's
 * database) and `bench:opportunities:search` (on its own): the API as a child process
 * (`dist/src/main.js`), mixed `GET /engagement?…` searches fired at a paced rate, and the plans of
 * representative searches built by the service's own SQL.
 */
import { performance } from 'node:perf_hooks';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import IORedis from 'ioredis';
import type { Client } from 'pg';
import {
  DISTANCE_SEARCH_SETTING,
  OpportunitySearchService,
  usesDistance,
} from '../src/engagement/opportunity-search.service';
import { parseOpportunityFilters } from '../src/engagement/domain/opportunity-filters';

export const SEARCH_FIELDS = [
  'KJ',
  'SEN',
  'MIG',
  'INK',
  'GES',
  'SOZ',
  'NBH',
  'BIL',
  'KUL',
  'SPO',
  'UMW',
  'DIG',
];
export const SEARCH_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa'];
export const SEARCH_BUDGET_MS = 50;

export const percentileOf = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** A mixed search, the way people narrow one down (deterministic per n). */
export function searchQuery(n: number, postalCodes: string[], districts: string[]): string {
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
    params.set('field', pick(SEARCH_FIELDS, 4));
  }
  if (n % 4 === 0) {
    params.set('weekday', String(1 + (n % 7)));
  }
  if (n % 6 === 0) {
    params.set('newcomers', 'yes');
  }
  if (n % 8 === 0) {
    params.set('language', pick(SEARCH_LANGUAGES, 5));
  }
  if (n % 11 === 0) {
    params.set('accessible', 'yes');
  }
  if (n % 5 === 0) {
    params.set('page', String(2 + (n % 2)));
  }
  return params.toString();
}

async function get(base: string, path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}${path}`);
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

/** Starts the built API (`dist/src/main.js`) and waits until /api/health answers. */
export async function startApi(base: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) {
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

export async function stopApi(child: ChildProcess | undefined): Promise<void> {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Deletes the BullMQ keys the API child left under its prefix. */
export async function clearQueuePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl);
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    cursor = nextCursor;
  } while (cursor !== '0');
  redis.disconnect();
}

export interface SearchLoadResult {
  total: number;
  achievedPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<number, number>;
  line: string;
}

/** 300 warm-up searches, then `rate` searches a second for `seconds`, paced (open loop). */
export async function runSearchLoad(options: {
  base: string;
  rate: number;
  seconds: number;
  postalCodes: string[];
  districts: string[];
}): Promise<SearchLoadResult> {
  const { base, rate, seconds, postalCodes, districts } = options;
  for (let n = 0; n < 300; n += 1) {
    await get(base, `/engagement?${searchQuery(100_000 + n, postalCodes, districts)}`); // warm-up, not counted
  }
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const results: Promise<{ status: number; ms: number }>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const wait = started + i * interval - performance.now();
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    results.push(get(base, `/engagement?${searchQuery(i, postalCodes, districts)}`));
  }
  const done = await Promise.all(results);
  const elapsed = (performance.now() - started) / 1000;
  const sorted = done.map((result) => result.ms).sort((a, b) => a - b);
  const statuses = done.reduce<Record<number, number>>((counts, { status }) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentileOf(sorted, p));
  const achievedPerSecond = total / elapsed;
  const line =
    `public search: ${total} searches at ${rate}/s target, ${achievedPerSecond.toFixed(1)}/s achieved over ${elapsed.toFixed(1)} s; ` +
    `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; ` +
    `statuses ${JSON.stringify(statuses)} — target p95 ≤ ${SEARCH_BUDGET_MS} ms: ${p95 <= SEARCH_BUDGET_MS ? 'met' : 'MISSED'}`;
  return { total, achievedPerSecond, p50, p95, p99, statuses, line };
}

/** The plans (EXPLAIN ANALYZE, BUFFERS) of representative searches, built by the service's own SQL. */
export async function printSearchPlans(db: Client, postalCode: string): Promise<void> {
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
  const known = { fields: SEARCH_FIELDS, districts: [], languages: SEARCH_LANGUAGES };
  for (const [label, query] of [
    ['10 km around a postal code', { postalCode, km: '10' }],
    ['25 km around a postal code, page 3', { postalCode, km: '25', page: '3' }],
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
