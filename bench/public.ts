/**
 * `npm run bench:public`: a script, not a test. Runs the API as a child process (`dist/src/main.js`,
 * so the load generator does not share its event loop) on its own database (`nahbar_bench_public`,
 * dropped afterwards) with `TRUST_PROXY=true`, so each simulated client sends its address in
 * X-Forwarded-For, and prints:
 *  - the help-request endpoint under a paced load (default 200 requests/s for 20 s, each from its
 *    own address): p50/p95/p99 latency and the rate achieved;
 *  - a flood of 10,000 help requests from one address: how many were accepted (limit 5 an hour);
 *  - a flood of 10,000 volunteer sign-ups for one email address from 10,000 addresses, and 10,000
 *    requests for the self-service link for it: confirmation and link emails queued for it (≤ 1 each).
 * Settings: BENCH_RATE (200), BENCH_SECONDS (20), BENCH_FLOOD (10000), BENCH_CONCURRENCY (64),
 * BENCH_API_NODE_ARGS (node flags for the API process, e.g. --cpu-prof).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ensureDatabaseExists, runMigrations } from '../src/cli/database-setup';
import { importPostalCodes } from '../src/postal-codes/import-postal-codes';
import { berlinDateOf } from '../src/shared/berlin-time';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'nahbar_bench_public';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const FLOOD = Number(process.env.BENCH_FLOOD ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const BASE = `http://127.0.0.1:${PORT}`;

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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A distinct simulated client address for each number (10.x.y.z). */
const addressOf = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

function tomorrow(): string {
  return berlinDateOf(new Date(Date.now() + 86_400_000));
}

const helpRequest = (n: number) => ({
  category: 'shopping',
  description: `Wocheneinkauf, Lasttest ${n}`,
  postalCode: '22765',
  schedule: { kind: 'one-off', date: tomorrow(), start: '10:00', end: '11:00' },
  helpSeeker: { name: `Last Test ${n}`, phone: '040 1234567', preferredContact: 'phone' },
  consent: { dataProcessing: true },
});

async function post(
  path: string,
  ip: string,
  body: unknown,
  form = false,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${BASE}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        'X-Forwarded-For': ip,
      },
      body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    // Counted as status 0 (no answer), so an overloaded run shows up instead of aborting.
    return { status: 0, ms: performance.now() - started };
  }
}

/** Open loop: a request starts every 1000/RATE ms whether or not earlier ones have answered. */
async function pacedLoad(): Promise<void> {
  const total = RATE * SECONDS;
  const interval = 1000 / RATE;
  const results: Promise<{ status: number; ms: number }>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    results.push(post('/api/public/help-requests', addressOf(i + 1), helpRequest(i)));
  }
  const done = await Promise.all(results);
  const elapsed = (performance.now() - started) / 1000;
  const sorted = done.map((result) => result.ms).sort((a, b) => a - b);
  const statuses = done.reduce<Record<number, number>>((counts, { status }) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});
  console.log(
    `paced load: ${total} help requests at ${RATE}/s target, ${(total / elapsed).toFixed(1)}/s achieved over ${elapsed.toFixed(1)} s; ` +
      `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms; statuses ${JSON.stringify(statuses)}`,
  );
}

/** `count` requests, at most CONCURRENCY at a time; returns the statuses. */
async function flood(
  count: number,
  send: (n: number) => Promise<{ status: number }>,
): Promise<{ statuses: Record<number, number>; seconds: number }> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const n = next;
        next += 1;
        const { status } = await send(n);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return { statuses, seconds: (performance.now() - started) / 1000 };
}

async function startApi(env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_API_NODE_ARGS, e.g. "--cpu-prof", to see where a request's time goes.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'src', 'main.js')], {
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

async function main(): Promise<void> {
  console.log(`nahbar public-pages benchmark — ${RATE}/s for ${SECONDS} s, floods of ${FLOOD}`);
  await admin(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await ensureDatabaseExists(dbUrl(BENCH_DB));
  await runMigrations(dbUrl(BENCH_DB), async (dataSource) => {
    await importPostalCodes(dataSource, null);
  });
  const prefix = `nahbar_bench_public_${randomBytes(4).toString('hex')}`;
  const api = await startApi({
    NODE_ENV: 'production',
    PORT: String(PORT),
    PUBLIC_BASE_URL: BASE,
    LINK_SECRET: 'bench-only-secret-bench-only-secret-0123',
    DATABASE_URL: dbUrl(BENCH_DB),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    TRUST_PROXY: 'true',
  });
  const db = new Client({ connectionString: dbUrl(BENCH_DB) });
  await db.connect();
  try {
    // Warm-up (connections, JIT), from its own addresses, not counted.
    await flood(200, (n) =>
      post('/api/public/help-requests', `192.168.${n >> 8}.${n & 255}`, helpRequest(n)),
    );
    await pacedLoad();

    const floodIp = '203.0.113.7';
    const helpFlood = await flood(FLOOD, (n) => post('/api/public/help-requests', floodIp, helpRequest(n)));
    const [{ stored }] = (
      await db.query<{ stored: number }>(
        `SELECT count(*)::int AS stored FROM help_request WHERE description LIKE 'Wocheneinkauf, Lasttest %'
           AND created_at > now() - interval '10 minutes'`,
      )
    ).rows;
    console.log(
      `flood from one address: ${FLOOD} help requests in ${helpFlood.seconds.toFixed(1)} s → accepted ${helpFlood.statuses[201] ?? 0}, statuses ${JSON.stringify(helpFlood.statuses)} (help requests stored in total: ${stored})`,
    );

    const email = 'flood-target@example.org';
    const signUps = await flood(FLOOD, (n) =>
      post('/api/public/volunteers', addressOf(100_000 + n), {
        name: 'Flood Ziel',
        email,
        languages: [{ code: 'de', level: 'native' }],
        skills: ['shopping'],
        postalCode: '22765',
        maxTravelKm: 3,
        availability: [{ weekday: 1, start: '09:00', end: '12:00' }],
        consent: { volunteerPool: true },
      }),
    );
    const links = await flood(FLOOD, (n) =>
      post('/my-account', addressOf(200_000 + n), { email, lang: 'de' }, true),
    );
    const mails = (
      await db.query<{ kind: string; n: number }>(
        `SELECT kind, count(*)::int AS n FROM notification WHERE recipient = $1 GROUP BY kind ORDER BY kind`,
        [email],
      )
    ).rows;
    console.log(
      `flood for one email address: ${FLOOD} sign-ups (statuses ${JSON.stringify(signUps.statuses)}) and ${FLOOD} link requests (statuses ${JSON.stringify(links.statuses)}) from distinct addresses → emails queued for it: ${JSON.stringify(Object.fromEntries(mails.map((m) => [m.kind, m.n])))}`,
    );
  } finally {
    await db.end();
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
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
