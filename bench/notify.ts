/**
 * `npm run bench:notify`: a script, not a test. Emails from the outbox to a local SMTP sink (in this
 * process), through real worker processes (dist/src/worker.js), in a database of its own that is
 * dropped afterwards. For one and for two workers it prints:
 *  - sustained emails/s: BENCH_NOTIFICATIONS (10,000) written to the outbox first, then drained;
 *    the rate while the middle 90 % arrive;
 *  - p95 (and p50/p99) from the state change (the commit of the notification row) to the sink's
 *    accept, with notifications written at a steady rate (BENCH_RATES, default 1000/s and 100/s,
 *    for BENCH_PACED_SECONDS each), relayed after each commit as the API does; 200 emails warm the
 *    fresh workers up first and are not counted.
 *  - the crash window: BENCH_WINDOW_EMAILS (2,000) in a burst against a server that answers each
 *    `250` BENCH_WINDOW_DELAY_MS (50 ms) after the message's end; for each email the time from the
 *    server's `250` to the commit of its `sent` record (a bench-only trigger notes each record in a
 *    side table at COMMIT with the database clock), p50/p95/p99/max. A crash inside it sends the email twice.
 * Every run also counts Message-IDs at the sink: missing and duplicate emails are printed. After the
 * first sustained run a bare baseline (pooled nodemailer to the same sink, no database) runs once, and
 * each sustained figure is printed as a share of it, so results compare across machines.
 * Worker settings (NOTIFY_CONCURRENCY, SMTP_MAX_CONNECTIONS, …) can be given in the environment;
 * BENCH_ONLY=window runs the crash-window part alone. Run from source
 * (`node -r ts-node/register/transpile-only bench/notify.ts`) it starts src/worker.ts the same way.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { ensureDatabaseExists, runMigrations } from '../src/cli/database-setup';
import { loadConfig } from '../src/config/config';
import { CoreModule } from '../src/core.module';
import { NotificationOutbox } from '../src/notifications/notification-outbox.service';
import { OutboxService } from '../src/queue/outbox.service';
import { NOTIFICATIONS_QUEUE, sendNotificationJobId } from '../src/queue/job-contracts';
import { postgresServerCpuMs, processCpuMs, redisCpuMs } from './cpu-usage';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'nahbar_bench_notify';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 10_000);
const RATES = (process.env.BENCH_RATES ?? '1000,100').split(',').filter(Boolean).map(Number);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const WINDOW_EMAILS = Number(process.env.BENCH_WINDOW_EMAILS ?? 2000);
const WINDOW_DELAY_MS = Number(process.env.BENCH_WINDOW_DELAY_MS ?? 50);
const ONLY_WINDOW = process.env.BENCH_ONLY === 'window';
const LINK_SECRET = 'bench-only-secret-bench-only-secret-0123';
const TICK_MS = 50;

const dbUrl = (name: string): string => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Accepts everything and notes when each Message-ID was accepted (the time of its `250`); no parsing
 * beyond that header. `acceptDelayMs` holds each `250` back that long, as a server that writes the
 * message to disk first does.
 */
class SmtpSink {
  readonly arrivals = new Map<string, number[]>();
  /** One email as nahbar sent it, for the bare baseline to send again. */
  sample?: Buffer;

  constructor(private readonly acceptDelayMs = 0) {}

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    // A reverse DNS lookup per connection would measure this machine's resolver, not nahbar.
    disableReverseLookup: true,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        this.sample ??= raw;
        const id = /^Message-ID:\s*<notification-([0-9a-f-]{36})@nahbar>/im.exec(raw.toString('latin1'))?.[1];
        const accept = () => {
          if (id) {
            this.arrivals.set(id, [...(this.arrivals.get(id) ?? []), Date.now()]);
          }
          callback(null, 'queued');
        };
        if (this.acceptDelayMs > 0) {
          setTimeout(accept, this.acceptDelayMs);
        } else {
          accept();
        }
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

@Module({})
class BenchNotifyModule {}

interface Producer {
  dataSource: DataSource;
  /** Writes notifications as a state change does (one transaction), relays them as the API does; returns ids with commit times. */
  write(run: string, from: number, count: number, relay: 'await' | 'soon'): Promise<Map<string, number>>;
  close(): Promise<void>;
}

async function startProducer(prefix: string): Promise<Producer> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LINK_SECRET,
    DATABASE_URL: dbUrl(BENCH_DB),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
  });
  const app = await NestFactory.createApplicationContext(
    { module: BenchNotifyModule, imports: [CoreModule.forRoot(config)], providers: [NotificationOutbox] },
    { logger: ['error'] },
  );
  const dataSource = app.get(DataSource);
  const notifications = app.get(NotificationOutbox);
  const outbox = app.get(OutboxService);
  const matchId = await fixtureMatch(dataSource);
  return {
    dataSource,
    async write(run, from, count, relay) {
      const jobIds = await dataSource.transaction(async (manager) => {
        const ids: (string | null)[] = [];
        for (let i = from; i < from + count; i += 1) {
          ids.push(
            await notifications.queue(manager, {
              kind: 'staff-offer-accepted',
              subjectId: matchId,
              recipient: `staff-${run}-${i}@bench.example`,
              locale: 'de',
            }),
          );
        }
        return ids.filter((id): id is string => id !== null);
      });
      const committedAt = Date.now();
      if (relay === 'await') {
        await outbox.relay({ jobIds, limit: jobIds.length });
      } else {
        outbox.relaySoon(jobIds);
      }
      return new Map(jobIds.map((jobId) => [jobId.slice(sendNotificationJobId('').length), committedAt]));
    },
    close: () => app.close(),
  };
}

/** One volunteer, request and match for every notification to be about (the staff notice reads them). */
async function fixtureMatch(dataSource: DataSource): Promise<string> {
  const existing = await dataSource.query<{ id: string }[]>(`SELECT id FROM match LIMIT 1`);
  if (existing.length > 0) {
    return existing[0].id;
  }
  const [volunteer] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO volunteer (name, email, postal_code, latitude, longitude, district, max_travel_km, status)
     VALUES ('Bench Volunteer', 'bench-volunteer@bench.example', '22765', 53.556, 9.929, 'Ottensen', 5, 'active')
     RETURNING id`,
  );
  const [request] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO help_request (source, category, description, postal_code, latitude, longitude, district, schedule, status)
     VALUES ('phone-intake', 'shopping', 'Benchmark', '22765', 53.556, 9.929, 'Ottensen',
             '{"kind":"one-off","date":"2030-01-07","start":"09:00","end":"11:00"}', 'matched')
     RETURNING id`,
  );
  const [match] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status)
     VALUES ($1, $2, 80, 1, 1.2, '{}', 'accepted') RETURNING id`,
    [request.id, volunteer.id],
  );
  return match.id;
}

async function startWorkers(count: number, prefix: string, smtpPort: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const profile = process.env.BENCH_WORKER_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE}`]
        : [];
      // Built: dist/src/worker.js; run from source (ts-node): src/worker.ts the same way.
      const fromSource = __filename.endsWith('.ts');
      const entry = fromSource
        ? ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'worker.ts')]
        : [join(__dirname, '..', 'src', 'worker.js')];
      const child = spawn(process.execPath, [...profile, ...entry], {
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
          OUTBOX_POLL_MS: '500',
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtpPort),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('worker started') && resolve());
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
      child.stdout?.on(
        'data',
        (chunk: Buffer) => process.env.BENCH_WORKER_LOGS && process.stdout.write(chunk),
      );
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

async function waitForArrivals(sink: SmtpSink, ids: Iterable<string>, timeoutMs: number): Promise<void> {
  const wanted = [...ids];
  const deadline = Date.now() + timeoutMs;
  while (wanted.some((id) => !sink.arrivals.has(id))) {
    if (Date.now() > deadline) {
      return;
    }
    await sleep(50);
  }
  await sleep(500); // late duplicates, if any, would show up now
}

function deliveryLine(sink: SmtpSink, committed: Map<string, number>): string {
  let missing = 0;
  let duplicates = 0;
  for (const id of committed.keys()) {
    const times = sink.arrivals.get(id);
    if (!times) {
      missing += 1;
    } else if (times.length > 1) {
      duplicates += times.length - 1;
    }
  }
  return `missing ${missing}, duplicates ${duplicates}`;
}

function latencyLine(sink: SmtpSink, committed: Map<string, number>): string {
  const latencies = [...committed]
    .filter(([id]) => sink.arrivals.has(id))
    .map(([id, at]) => sink.arrivals.get(id)![0] - at)
    .sort((a, b) => a - b);
  if (latencies.length === 0) {
    return 'no email arrived';
  }
  return `p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms`;
}

/** The worker's side alone: from the row's creation to the start of its (last) SMTP attempt. */
async function workerLine(dataSource: DataSource, ids: string[]): Promise<string> {
  const [row] = await dataSource.query<{ p50: number; p95: number }[]>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)) * 1000 AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)) * 1000 AS p95
       FROM notification WHERE id = ANY($1)`,
    [ids],
  );
  return `row created → SMTP attempt started: p50 ${Math.round(row.p50)} ms, p95 ${Math.round(row.p95)} ms`;
}

/** All notifications in the outbox (and Redis) first; then the workers drain them. */
async function sustained(workers: number, sink: SmtpSink, smtpPort: number): Promise<number> {
  const run = `burst${workers}`;
  const prefix = `nahbar_bench_notify_${run}_${Date.now()}`;
  const producer = await startProducer(prefix);
  const committed = new Map<string, number>();
  for (let from = 0; from < NOTIFICATIONS; from += 500) {
    for (const [id, at] of await producer.write(run, from, Math.min(500, NOTIFICATIONS - from), 'await')) {
      committed.set(id, at);
    }
  }
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const cpuBefore = {
    postgres: await postgresServerCpuMs(producer.dataSource),
    redis: await redisCpuMs(redis),
    sink: process.cpuUsage(),
  };
  const started = Date.now();
  const processes = await startWorkers(workers, prefix, smtpPort);
  // From here: the workers have started (loading the code is not counted), their first jobs run.
  const workerCpuAtStart = processes.reduce((sum, child) => sum + processCpuMs(child.pid), 0);
  let cpuLine = '';
  try {
    await waitForArrivals(sink, committed.keys(), 300_000);
    const perEmail = (ms: number) => (ms / NOTIFICATIONS).toFixed(2);
    const sinkUsage = process.cpuUsage(cpuBefore.sink);
    const cpu = {
      worker: processes.reduce((sum, child) => sum + processCpuMs(child.pid), 0) - workerCpuAtStart,
      postgres: (await postgresServerCpuMs(producer.dataSource)) - cpuBefore.postgres,
      redis: (await redisCpuMs(redis)) - cpuBefore.redis,
      // The bench process does little else while the workers drain the outbox.
      sink: (sinkUsage.user + sinkUsage.system) / 1000,
    };
    const total = cpu.worker + cpu.postgres + cpu.redis + cpu.sink;
    cpuLine =
      `    CPU per email: worker ${perEmail(cpu.worker)} ms (after start-up), PostgreSQL ${perEmail(cpu.postgres)} ms, ` +
      `Redis ${perEmail(cpu.redis)} ms (whole servers), SMTP sink ${perEmail(cpu.sink)} ms → ` +
      `at most ${((2 * 1000 * NOTIFICATIONS) / total).toFixed(0)} emails/s on 2 idle cores`;
  } finally {
    redis.disconnect();
    await stopWorkers(processes);
    await cleanUp(prefix);
    await producer.close();
  }
  const arrivals = [...committed.keys()]
    .map((id) => sink.arrivals.get(id)?.[0])
    .filter((at): at is number => at !== undefined)
    .sort((a, b) => a - b);
  const first = arrivals[Math.floor(arrivals.length * 0.05)];
  const last = arrivals[Math.floor(arrivals.length * 0.95)];
  const rate = ((arrivals.length * 0.9) / (last - first)) * 1000;
  console.log(
    `  ${NOTIFICATIONS.toLocaleString('en')} from the outbox: ${rate.toFixed(0)} emails/s sustained (middle 90 %); ` +
      `all in ${((arrivals[arrivals.length - 1] - started) / 1000).toFixed(1)} s after the workers started; ${deliveryLine(sink, committed)}`,
  );
  console.log(cpuLine);
  return rate;
}

/** Notifications written at `rate` per second, each relayed after its commit as the API does. */
async function paced(workers: number, rate: number, sink: SmtpSink, smtpPort: number): Promise<void> {
  const run = `paced${workers}x${rate}`;
  const prefix = `nahbar_bench_notify_${run}_${Date.now()}`;
  const producer = await startProducer(prefix);
  const processes = await startWorkers(workers, prefix, smtpPort);
  const total = rate * PACED_SECONDS;
  const committed = new Map<string, number>();
  try {
    // Warm-up, not counted: the workers' first jobs open their connections and compile the code.
    const warmUp = await producer.write(`${run}-warm-up`, 0, 200, 'soon');
    await waitForArrivals(sink, warmUp.keys(), 60_000);
    const started = Date.now();
    const writes: Promise<void>[] = [];
    let written = 0;
    while (written < total) {
      const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate) + 1);
      if (due > written) {
        const from = written;
        written = due;
        writes.push(
          producer.write(run, from, due - from, 'soon').then((batch) => {
            batch.forEach((at, id) => committed.set(id, at));
          }),
        );
      }
      await sleep(TICK_MS);
    }
    await Promise.all(writes);
    const achieved = (total / (Date.now() - started)) * 1000;
    await waitForArrivals(sink, committed.keys(), 120_000);
    console.log(
      `  at ${rate}/s (${total.toLocaleString('en')} written at ${achieved.toFixed(0)}/s): state change → SMTP accept ` +
        `${latencyLine(sink, committed)}; ${deliveryLine(sink, committed)}`,
    );
    console.log(`    ${await workerLine(producer.dataSource, [...committed.keys()])}`);
  } finally {
    await stopWorkers(processes);
    await cleanUp(prefix);
    await producer.close();
  }
}

interface Baseline {
  emailsPerSecond: number;
  cpuMsPerEmail: number;
}

/**
 * The floor to compare with, in this process and to the same sink: the same number of emails, each
 * the raw bytes of an email nahbar just sent (with a fresh Message-ID), through one pooled nodemailer
 * transport with nahbar's connection count, no database, no queue. CPU is this process's (sender
 * and sink), so compare it with nahbar's worker + sink CPU.
 */
async function bareSmtpBaseline(sink: SmtpSink, smtpPort: number): Promise<Baseline> {
  const sample = sink.sample?.toString('latin1') ?? '';
  const transport = createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: Number(process.env.SMTP_MAX_CONNECTIONS ?? 20),
    maxMessages: Infinity,
  });
  const ids = Array.from({ length: NOTIFICATIONS }, () => randomUUID());
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  await Promise.all(
    ids.map((id, i) =>
      transport.sendMail({
        envelope: { from: 'noreply@bench.example', to: `baseline-${i}@bench.example` },
        raw: sample.replace(/^Message-ID:.*$/im, `Message-ID: <notification-${id}@nahbar>`),
      }),
    ),
  );
  const cpu = process.cpuUsage(cpuBefore);
  transport.close();
  const arrivals = ids
    .map((id) => sink.arrivals.get(id)?.[0])
    .filter((at): at is number => at !== undefined)
    .sort((a, b) => a - b);
  const first = arrivals[Math.floor(arrivals.length * 0.05)] ?? started;
  const last = arrivals[Math.floor(arrivals.length * 0.95)] ?? Date.now();
  return {
    emailsPerSecond: ((arrivals.length * 0.9) / Math.max(1, last - first)) * 1000,
    cpuMsPerEmail: (cpu.user + cpu.system) / 1000 / NOTIFICATIONS,
  };
}

function baselineLine(rate: number, baseline: Baseline): string {
  return (
    `    bare baseline (pooled nodemailer → same sink, no database, no queue): ${baseline.emailsPerSecond.toFixed(0)} emails/s, ` +
    `${baseline.cpuMsPerEmail.toFixed(2)} ms CPU per email (sender + sink) → nahbar at ${((rate / baseline.emailsPerSecond) * 100).toFixed(0)} % of it`
  );
}

/**
 * Notes when each notification's `sent` record is committed: a deferred constraint trigger in the
 * bench database (not in the schema) runs at COMMIT, after every statement of the transaction, and
 * writes the id with `clock_timestamp()` into an unlogged side table; this takes what is there every
 * millisecond or so. The time is the database's, read at the commit (only the WAL flush, about
 * 0.3 ms here, comes after it), so neither the poll interval nor this process's own event loop,
 * which also runs the SMTP sink, stretches the window. (Not LISTEN/NOTIFY: PostgreSQL makes every
 * notifying commit wait for the others.) Same machine, same clock as the sink's `Date.now()`.
 */
async function watchRecords(): Promise<{ recorded: Map<string, number>; close(): Promise<void> }> {
  const client = new Client({ connectionString: dbUrl(BENCH_DB) });
  await client.connect();
  await client.query(`
    CREATE UNLOGGED TABLE IF NOT EXISTS bench_sent (id uuid NOT NULL, committed_at double precision NOT NULL);
    TRUNCATE bench_sent;
    CREATE OR REPLACE FUNCTION bench_note_sent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO bench_sent (id, committed_at) VALUES (NEW.id, extract(epoch FROM clock_timestamp()) * 1000);
        RETURN NULL;
      END $$;
    DROP TRIGGER IF EXISTS bench_note_sent ON notification;
    CREATE CONSTRAINT TRIGGER bench_note_sent AFTER UPDATE OF status ON notification
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.status = 'sent' AND OLD.status IS DISTINCT FROM 'sent') EXECUTE FUNCTION bench_note_sent();`);
  const recorded = new Map<string, number>();
  let stopped = false;
  const polling = (async () => {
    while (!stopped) {
      // Taken as they become visible: commits need not come in the order of their inserts.
      const { rows } = await client.query<{ id: string; committed_at: number }>(
        'DELETE FROM bench_sent RETURNING id, committed_at',
      );
      for (const row of rows) {
        if (!recorded.has(row.id)) {
          recorded.set(row.id, Math.round(Number(row.committed_at)));
        }
      }
      await sleep(1);
    }
  })();
  return {
    recorded,
    async close() {
      stopped = true;
      await polling;
      await client.query(
        'DROP TRIGGER IF EXISTS bench_note_sent ON notification; DROP TABLE IF EXISTS bench_sent',
      );
      await client.end();
    },
  };
}

/**
 * The crash window: a burst against a server that holds each `250` back, and for every email the
 * time from its `250` to its committed `sent` record. A worker killed inside it sends the email twice.
 */
async function crashWindow(workers: number): Promise<void> {
  const sink = new SmtpSink(WINDOW_DELAY_MS);
  const smtpPort = await sink.listen();
  const run = `window${workers}`;
  const prefix = `nahbar_bench_notify_${run}_${Date.now()}`;
  const producer = await startProducer(prefix);
  const records = await watchRecords();
  const committed = new Map<string, number>();
  let processes: ChildProcess[] = [];
  try {
    for (let from = 0; from < WINDOW_EMAILS; from += 500) {
      for (const [id, at] of await producer.write(run, from, Math.min(500, WINDOW_EMAILS - from), 'await')) {
        committed.set(id, at);
      }
    }
    const started = Date.now();
    processes = await startWorkers(workers, prefix, smtpPort);
    await waitForArrivals(sink, committed.keys(), 300_000);
    const deadline = Date.now() + 10_000;
    while ([...committed.keys()].some((id) => !records.recorded.has(id)) && Date.now() < deadline) {
      await sleep(50);
    }
    const windows = [...committed.keys()]
      .filter((id) => sink.arrivals.has(id) && records.recorded.has(id))
      .map((id) => records.recorded.get(id)! - sink.arrivals.get(id)![0])
      .sort((a, b) => a - b);
    const unrecorded = [...committed.keys()].filter((id) => !records.recorded.has(id)).length;
    const lastArrival = Math.max(...[...sink.arrivals.values()].map((times) => times[0]));
    console.log(
      `  ${WINDOW_EMAILS.toLocaleString('en')} in a burst, each 250 held back ${WINDOW_DELAY_MS} ms ` +
        `(${((WINDOW_EMAILS / (lastArrival - started)) * 1000).toFixed(0)} emails/s): 250 → committed "sent" record ` +
        (windows.length === 0
          ? 'none measured'
          : `p50 ${percentile(windows, 50)} ms, p95 ${percentile(windows, 95)} ms, p99 ${percentile(windows, 99)} ms, ` +
            `max ${windows[windows.length - 1]} ms`) +
        `; ${unrecorded} without a record; ${deliveryLine(sink, committed)}`,
    );
  } finally {
    await stopWorkers(processes);
    await records.close();
    await cleanUp(prefix);
    await producer.close();
    await sink.close();
  }
}

async function cleanUp(prefix: string): Promise<void> {
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(NOTIFICATIONS_QUEUE, { connection, prefix });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  connection.disconnect();
}

async function dropDatabase(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  console.log(
    `nahbar notification benchmark — ${NOTIFICATIONS.toLocaleString('en')} emails per sustained run; ` +
      `paced at ${RATES.join(' and ')}/s for ${PACED_SECONDS} s; ${WORKERS.join(' and ')} worker process(es)`,
  );
  await dropDatabase();
  await ensureDatabaseExists(dbUrl(BENCH_DB));
  await runMigrations(dbUrl(BENCH_DB));
  const sink = new SmtpSink();
  const smtpPort = await sink.listen();
  let baseline: Baseline | undefined;
  try {
    for (const workers of ONLY_WINDOW ? [] : WORKERS) {
      console.log(`\n${workers} worker process${workers > 1 ? 'es' : ''}:`);
      const rate = await sustained(workers, sink, smtpPort);
      baseline ??= await bareSmtpBaseline(sink, smtpPort);
      console.log(baselineLine(rate, baseline));
      for (const rate of RATES) {
        await paced(workers, rate, sink, smtpPort);
      }
    }
    if (WINDOW_EMAILS > 0) {
      console.log('\ncrash window, 1 worker process:');
      await crashWindow(1);
    }
  } finally {
    await sink.close();
    await dropDatabase();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
