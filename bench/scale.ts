/**
 * `npm run bench:scale`: a script, not a test. Email throughput with 1, 2 and 3 worker processes
 * (dist/src/worker.js) on one database and one Redis: BENCH_SCALE_EMAILS (default 5,000) staff
 * notices written to the outbox (notification + outbox row, as a state change writes them), then
 * the workers start, relay and send them to an SMTP sink in this process. Prints emails/s while the
 * middle 90 % arrive, CPU per email of the workers, and missing/duplicate Message-IDs. The
 * correctness side of several processes (no email lost or twice, limits across APIs, schedulers
 * once per period) is tested in test/e2e/scale-out.e2e-spec.ts; matching jobs/s with 1, 2 and 3
 * workers are in `npm run bench:matching`.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { dbUrl, dropDatabase } from './city-scenario';
import { ensureDatabaseExists, runMigrations } from '../src/cli/database-setup';
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB } from '../src/queue/job-contracts';
import { processCpuMs } from './cpu-usage';

const BENCH_DB = 'nahbar_bench_scale';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const EMAILS = Number(process.env.BENCH_SCALE_EMAILS ?? 5000);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2,3').split(',').map(Number);
const LINK_SECRET = 'bench-only-secret-bench-only-secret-0123';

/** Notes the arrival times of each Message-ID; parses nothing else. */
class SmtpSink {
  readonly arrivals = new Map<string, number[]>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    disableReverseLookup: true,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const id = /^Message-ID:\s*<notification-([0-9a-f-]{36})@nahbar>/im.exec(
          Buffer.concat(chunks).toString('latin1'),
        )?.[1];
        if (id) {
          this.arrivals.set(id, [...(this.arrivals.get(id) ?? []), Date.now()]);
        }
        callback(null, 'queued');
      });
    },
  });

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** One accepted match for every staff notice to be about. */
async function fixtureMatch(db: Client): Promise<string> {
  const volunteer = await db.query<{ id: string }>(
    `INSERT INTO volunteer (name, email, postal_code, latitude, longitude, district, max_travel_km, status)
     VALUES ('Bench Volunteer', 'bench-volunteer@bench.example', '22765', 53.556, 9.929, 'Ottensen', 5, 'active')
     RETURNING id`,
  );
  const request = await db.query<{ id: string }>(
    `INSERT INTO help_request (source, category, description, postal_code, latitude, longitude, district, schedule, status)
     VALUES ('phone-intake', 'shopping', 'Benchmark', '22765', 53.556, 9.929, 'Ottensen',
             '{"kind":"one-off","date":"2030-01-07","start":"09:00","end":"11:00"}', 'matched')
     RETURNING id`,
  );
  const match = await db.query<{ id: string }>(
    `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status)
     VALUES ($1, $2, 80, 1, 1.2, '{}', 'accepted') RETURNING id`,
    [request.rows[0].id, volunteer.rows[0].id],
  );
  return match.rows[0].id;
}

/** The emails of one run, written in one transaction as NotificationOutbox.queue writes them. */
async function writeBurst(db: Client, matchId: string, run: string): Promise<string[]> {
  const recipients = Array.from({ length: EMAILS }, (_, i) => `staff-${run}-${i}@bench.example`);
  const { rows } = await db.query<{ id: string }>(
    `WITH written AS (
       INSERT INTO notification (id, kind, subject_id, recipient, locale, message_id, status)
       SELECT id, 'staff-offer-accepted', $1, recipient, 'de', '<notification-' || id || '@nahbar>', 'pending'
         FROM (SELECT gen_random_uuid() AS id, unnest($2::text[]) AS recipient) AS fresh
       RETURNING id),
     jobs AS (
       INSERT INTO outbox_job (queue, job_name, job_id, payload)
       SELECT $3, $4, 'notification-' || id, jsonb_build_object('notificationId', id) FROM written)
     SELECT id FROM written`,
    [matchId, recipients, NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB],
  );
  return rows.map((row) => row.id);
}

function startWorkers(count: number, prefix: string, smtpPort: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(process.execPath, [join(__dirname, '..', 'src', 'worker.js')], {
        env: {
          NOTIFY_CONCURRENCY: '100',
          SMTP_MAX_CONNECTIONS: '20',
          DATABASE_POOL_MAX: '20',
          ...process.env,
          NODE_ENV: 'production',
          LINK_SECRET,
          DATABASE_URL: dbUrl(BENCH_DB),
          REDIS_URL,
          QUEUE_PREFIX: prefix,
          OUTBOX_POLL_MS: '200',
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtpPort),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('worker started') && resolve());
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
      return child;
    }),
  );
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function run(
  workers: number,
  db: Client,
  matchId: string,
  sink: SmtpSink,
  smtpPort: number,
): Promise<void> {
  const prefix = `nahbar_bench_scale_${workers}_${Date.now()}`;
  const ids = await writeBurst(db, matchId, `w${workers}`);
  const processes = await startWorkers(workers, prefix, smtpPort);
  const cpuAtStart = processes.reduce((sum, child) => sum + processCpuMs(child.pid), 0);
  const deadline = Date.now() + 600_000;
  try {
    while (ids.some((id) => !sink.arrivals.has(id)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 500)); // late duplicates would show now
    const cpu = processes.reduce((sum, child) => sum + processCpuMs(child.pid), 0) - cpuAtStart;
    const arrivals = ids
      .map((id) => sink.arrivals.get(id)?.[0])
      .filter((at): at is number => at !== undefined)
      .sort((a, b) => a - b);
    const first = arrivals[Math.floor(arrivals.length * 0.05)];
    const last = arrivals[Math.floor(arrivals.length * 0.95)];
    const rate = ((arrivals.length * 0.9) / Math.max(1, last - first)) * 1000;
    const missing = ids.filter((id) => !sink.arrivals.has(id)).length;
    const duplicates = ids.reduce(
      (sum, id) => sum + Math.max(0, (sink.arrivals.get(id)?.length ?? 0) - 1),
      0,
    );
    console.log(
      `  ${workers} worker process${workers > 1 ? 'es' : ''}: ${rate.toFixed(0)} emails/s (middle 90 % of ${EMAILS.toLocaleString('en')}), ` +
        `worker CPU ${(cpu / EMAILS).toFixed(2)} ms per email; missing ${missing}, duplicates ${duplicates}`,
    );
  } finally {
    await stopWorkers(processes);
    const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(NOTIFICATIONS_QUEUE, { connection, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
  }
}

async function main(): Promise<void> {
  console.log(
    `nahbar scale-out benchmark — ${EMAILS.toLocaleString('en')} emails per run, ${WORKERS.join(', ')} worker(s)`,
  );
  await dropDatabase(BENCH_DB);
  await ensureDatabaseExists(dbUrl(BENCH_DB));
  await runMigrations(dbUrl(BENCH_DB));
  const db = new Client({ connectionString: dbUrl(BENCH_DB) });
  await db.connect();
  const sink = new SmtpSink();
  const smtpPort = await sink.listen();
  try {
    const matchId = await fixtureMatch(db);
    for (const workers of WORKERS) {
      await run(workers, db, matchId, sink, smtpPort);
    }
  } finally {
    await sink.close();
    await db.end();
    await dropDatabase(BENCH_DB);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
