/**
 * `npm run bench:matching`: a script, not a test. Builds a deterministic city-dense scenario in its
 * own database (volunteers at real postal-code points, most in Hamburg) at 10k, 100k and 1M
 * volunteers and prints:
 *  - p50/p95/p99 of matching one request end to end (lock, retrieve, score, persist) per size;
 *  - the same for a brute-force baseline (load every volunteer, score all) at 100k, and the ratio;
 *  - matching jobs per second through BullMQ with one, two and three worker processes (100k), each
 *    as a share of a bare baseline run first in this process (a no-op job through the same queue),
 *    next to CPU per job;
 *  - global assignment time for 1,000 × 10,000 and 2,000 × 2,000, with coverage, total score and the
 *    busiest volunteer's load against per-request greedy.
 * Settings: BENCH_SIZES (default 10000,100000,1000000), BENCH_REQUESTS (300), BENCH_JOBS (3000),
 * BENCH_PARTS (default latency,brute,throughput,assignment: leave parts out to iterate on one).
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  createRequests,
  dbUrl,
  latencyLine,
  percentile,
  POINTS_SQL,
  RANDOM_SQL,
  recreateDatabase,
  sharedPostalCodesFile,
  VOLUNTEERS_SQL,
} from './city-scenario';
import { runMigrations } from '../src/cli/database-setup';
import { loadConfig } from '../src/config/config';
import { CoreModule } from '../src/core.module';
import { backendCpuMs, processCpuMs, redisCpuMs } from './cpu-usage';
import { findCandidates } from '../src/matching/candidate-retrieval';
import { DEFAULT_MATCHING_POLICY, rankCandidates } from '../src/matching/domain';
import {
  assignGlobally,
  compareAssignments,
  type AssignmentProblem,
} from '../src/matching/domain/global-assignment';
import { assignGreedily } from '../src/matching/domain/greedy-assignment';
import type { CandidateVolunteer, MatchableRequest, RankingContext } from '../src/matching/domain/types';
import type { RequestSchedule } from '../src/shared/schedule';
import { MatchingService } from '../src/matching/matching.service';
import { importPostalCodes } from '../src/postal-codes/import-postal-codes';
import { MATCH_REQUEST_JOB, MATCHING_QUEUE, matchRequestJobId } from '../src/queue/job-contracts';
import { workerConnectionOptions } from '../src/queue/redis-connections';
import { DEFAULT_TAXONOMY } from '../src/taxonomy/default-taxonomy';
import { TaxonomyService } from '../src/taxonomy/taxonomy.service';

const BENCH_DB = 'nahbar_bench';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const JOBS = Number(process.env.BENCH_JOBS ?? 3000);
/** Extra node flags for the worker processes, e.g. --cpu-prof to see where a job's time goes. */
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'latency,brute,throughput,assignment').split(','));

@Module({})
class BenchMatchingModule {}

async function matchingLatency(service: MatchingService, requestIds: string[]): Promise<number[]> {
  const samples: number[] = [];
  for (const id of requestIds) {
    const started = performance.now();
    await service.matchRequest(id, 1);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Per-request wall time and PostgreSQL CPU when requests are matched in batches, as the worker does. */
async function batchedMatchingCost(
  dataSource: DataSource,
  service: MatchingService,
  requestIds: string[],
  batchSize: number,
): Promise<{ wallMs: number; postgresMs: number }> {
  const before = await backendCpuMs(dataSource, BENCH_DB);
  const started = performance.now();
  for (let from = 0; from < requestIds.length; from += batchSize) {
    await service.matchRequests(
      requestIds.slice(from, from + batchSize).map((requestId) => ({ requestId, round: 1 })),
    );
  }
  const wallMs = (performance.now() - started) / requestIds.length;
  const after = await backendCpuMs(dataSource, BENCH_DB);
  const postgresMs = [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);
  return { wallMs, postgresMs: postgresMs / requestIds.length };
}

/** The baseline the index must beat: every active volunteer loaded and scored for each request. */
async function bruteForceLatency(
  dataSource: DataSource,
  requestIds: string[],
  ctx: RankingContext,
): Promise<number[]> {
  const samples: number[] = [];
  for (const id of requestIds) {
    const started = performance.now();
    const [request] = await dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM help_request WHERE id = $1`,
      [id],
    );
    const rows: Record<string, unknown>[] = await dataSource.query(
      `SELECT id, status, languages, skills, latitude, longitude, district, max_travel_km, availability,
              max_open_assignments, max_offers_per_week, certificate_inspected_on::text AS certificate_inspected_on
         FROM volunteer WHERE status = 'active'`,
    );
    const result = rankCandidates(toMatchable(request), rows.map(toCandidateFromRow), ctx);
    if (result.ranked.length < 0) {
      throw new Error('unreachable');
    }
    samples.push(performance.now() - started);
  }
  return samples;
}

function toMatchable(row: Record<string, unknown>): MatchableRequest {
  return {
    id: row.id as string,
    neededSkills: row.needed_skills as string[],
    niceToHaveSkills: [],
    neededLanguage: (row.needed_language as string | null) ?? null,
    preferredLanguage: null,
    requiresCertificate: false,
    minimumAge: null,
    location: { lat: row.latitude as number, lon: row.longitude as number },
    district: (row.district as string | null) ?? null,
    schedule: row.schedule as MatchableRequest['schedule'],
  };
}

function toCandidateFromRow(row: Record<string, unknown>): CandidateVolunteer {
  return {
    id: row.id as string,
    status: 'active',
    languages: row.languages as CandidateVolunteer['languages'],
    skills: row.skills as string[],
    home: { lat: row.latitude as number, lon: row.longitude as number },
    district: (row.district as string | null) ?? null,
    maxTravelKm: row.max_travel_km as number,
    availability: row.availability as CandidateVolunteer['availability'],
    maxOpenAssignments: row.max_open_assignments as number,
    openAssignments: 0,
    certificateInspectedOn: (row.certificate_inspected_on as string | null) ?? null,
    birthDate: null,
    awayUntil: null,
    maxOffersPerWeek: row.max_offers_per_week as number,
    offersLast7Days: 0,
    answerHistory: { offered: 0, answered: 0 },
    helpedThisPersonBefore: 0,
    askedForThisRequest: null,
    blockedForThisRequest: false,
  };
}

function startWorkers(count: number, prefix: string): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, [...WORKER_NODE_ARGS, join(__dirname, '..', 'src', 'worker.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LINK_SECRET: 'bench-only-secret-bench-only-secret-0123',
        DATABASE_URL: dbUrl(BENCH_DB),
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        OUTBOX_POLL_MS: '60000',
        SMTP_PORT: '1',
      },
      stdio: 'ignore',
    }),
  );
}

/** Jobs per second while the middle 90 % of the jobs complete (worker start-up is not counted). */
async function throughput(dataSource: DataSource, workers: number): Promise<number> {
  const requestIds = await createRequests(dataSource, JOBS, 1_000_000 + workers * JOBS);
  const prefix = `nahbar_bench_${workers}_${Date.now()}`;
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(MATCHING_QUEUE, { connection, prefix });
  await queue.addBulk(
    requestIds.map((requestId) => ({
      name: MATCH_REQUEST_JOB,
      data: { requestId, round: 1 },
      opts: { jobId: matchRequestJobId(requestId, 1), removeOnComplete: true },
    })),
  );
  // Progress is polled on a connection of its own, whose CPU is left out of the figures.
  const poller = new Client({ connectionString: dbUrl(BENCH_DB) });
  await poller.connect();
  const pollerPid = (await poller.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const backendsBefore = await backendCpuMs(dataSource, BENCH_DB);
  const redisBefore = await redisCpuMs(connection);
  const processes = startWorkers(workers, prefix);
  const marks: { at: number; done: number }[] = [];
  try {
    for (;;) {
      const {
        rows: [{ done }],
      } = await poller.query<{ done: number }>(
        `SELECT count(*)::int AS done FROM help_request WHERE id = ANY($1) AND status <> 'matching'`,
        [requestIds],
      );
      marks.push({ at: performance.now(), done });
      if (done >= JOBS) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // CPU per job does not depend on what else the machine runs, unlike jobs/s: 2 cores / CPU per
    // job is what this machine could sustain with nothing else on it.
    const workerMs = processes.reduce((sum, child) => sum + processCpuMs(child.pid), 0);
    const backendsAfter = await backendCpuMs(dataSource, BENCH_DB);
    const postgresMs = [...backendsAfter]
      .filter(([pid]) => pid !== pollerPid)
      .reduce((sum, [pid, ms]) => sum + ms - (backendsBefore.get(pid) ?? 0), 0);
    const redisMs = (await redisCpuMs(connection)) - redisBefore;
    console.log(
      `    CPU per job: worker ${(workerMs / JOBS).toFixed(2)} ms (start-up included), PostgreSQL ${(postgresMs / JOBS).toFixed(2)} ms, ` +
        `Redis ${(redisMs / JOBS).toFixed(2)} ms (whole server) → at most ${((2 * 1000 * JOBS) / (workerMs + postgresMs + redisMs)).toFixed(0)} jobs/s on 2 idle cores`,
    );
  } finally {
    processes.forEach((child) => child.kill('SIGTERM'));
    await Promise.all(processes.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
    await poller.end();
  }
  const first = marks.find((mark) => mark.done >= JOBS * 0.05)!;
  const last = marks.find((mark) => mark.done >= JOBS * 0.95)!;
  return ((last.done - first.done) / (last.at - first.at)) * 1000;
}

/**
 * The floor to compare with, so figures compare across machines: the same number of jobs, with
 * nahbar's job name, ids, payload shape and concurrency, through the same queue and Redis, handled
 * by a no-op BullMQ worker in this process (no database, no matching).
 */
async function bareQueueBaseline(): Promise<{ jobsPerSecond: number; cpuMsPerJob: number }> {
  const prefix = `nahbar_bench_baseline_${Date.now()}`;
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(MATCHING_QUEUE, { connection, prefix });
  await queue.addBulk(
    Array.from({ length: JOBS }, () => {
      const requestId = randomUUID();
      return {
        name: MATCH_REQUEST_JOB,
        data: { requestId, round: 1 },
        opts: { jobId: matchRequestJobId(requestId, 1), removeOnComplete: true },
      };
    }),
  );
  const completions: number[] = [];
  const redisBefore = await redisCpuMs(connection);
  const cpuBefore = process.cpuUsage();
  // The worker's concurrency as nahbar's matching worker runs it (16 per batch, two batches).
  const worker = new Worker(MATCHING_QUEUE, () => Promise.resolve(null), {
    connection: { ...workerConnectionOptions(REDIS_URL) },
    prefix,
    concurrency: 32,
  });
  worker.on('completed', () => completions.push(performance.now()));
  while (completions.length < JOBS) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const cpu = process.cpuUsage(cpuBefore);
  const redisMs = (await redisCpuMs(connection)) - redisBefore;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  connection.disconnect();
  const first = completions[Math.floor(JOBS * 0.05)];
  const last = completions[Math.floor(JOBS * 0.95)];
  return {
    jobsPerSecond: ((JOBS * 0.9) / (last - first)) * 1000,
    cpuMsPerJob: ((cpu.user + cpu.system) / 1000 + redisMs) / JOBS,
  };
}

/** Proposals (top `perRequest` by score) for the assignment benchmark, from the real engine. */
function scenarioProblem(
  requests: MatchableRequest[],
  volunteers: CandidateVolunteer[],
  ctx: RankingContext,
  perRequest: number,
  capacityOf: (volunteer: CandidateVolunteer) => number,
): AssignmentProblem {
  const policy = { ...ctx.policy, maxProposals: perRequest };
  return {
    requests: requests.map((request) => ({
      id: request.id,
      candidates: rankCandidates(request, volunteers, { ...ctx, policy }).ranked.map((c) => ({
        volunteerId: c.volunteerId,
        score: c.score,
      })),
    })),
    capacity: Object.fromEntries(volunteers.map((volunteer) => [volunteer.id, capacityOf(volunteer)])),
  };
}

function timeAssignment(label: string, problem: AssignmentProblem): void {
  const runs: number[] = [];
  let optimised = assignGlobally(problem);
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    optimised = assignGlobally(problem);
    runs.push(performance.now() - started);
  }
  const greedy = assignGreedily(problem);
  const comparison = compareAssignments(optimised, greedy, problem.requests.length);
  runs.sort((a, b) => a - b);
  console.log(`  ${label}: optimiser median ${runs[2].toFixed(1)} ms (max ${runs[4].toFixed(1)} ms)`);
  console.log(
    `    coverage ${(comparison.coverage.optimised * 100).toFixed(1)} % vs greedy ${(comparison.coverage.greedy * 100).toFixed(1)} %; ` +
      `total score ${comparison.totalScore.optimised.toFixed(0)} vs ${comparison.totalScore.greedy.toFixed(0)}; ` +
      `busiest volunteer ${comparison.busiestLoad.optimised} vs ${comparison.busiestLoad.greedy}`,
  );
}

async function assignmentBenchmarks(dataSource: DataSource, ctx: RankingContext): Promise<void> {
  console.log('\nGlobal assignment on the scenario (proposals from the real engine):');
  const hamburg = `latitude BETWEEN 53.45 AND 53.65 AND longitude BETWEEN 9.75 AND 10.2`;
  const volunteerRows: Record<string, unknown>[] = await dataSource.query(
    `SELECT id, status, languages, skills, latitude, longitude, district, max_travel_km, availability, max_open_assignments,
            max_offers_per_week, certificate_inspected_on::text AS certificate_inspected_on
       FROM volunteer WHERE status = 'active' AND ${hamburg} ORDER BY email LIMIT 10000`,
  );
  const volunteers = volunteerRows.map(toCandidateFromRow);
  const requestIds = await createRequests(dataSource, 2000, 5_000_000);
  const requestRows: Record<string, unknown>[] = await dataSource.query(
    `SELECT * FROM help_request WHERE id = ANY($1)`,
    [requestIds],
  );
  const requests = requestRows.map(toMatchable);

  const big = scenarioProblem(requests.slice(0, 1000), volunteers, ctx, 30, (v) => v.maxOpenAssignments);
  timeAssignment(
    `1,000 requests × ${volunteers.length.toLocaleString('en')} volunteers (30 proposals each, capacity 1–3)`,
    big,
  );
  const tight = scenarioProblem(requests, volunteers.slice(0, 2000), ctx, 100, () => 1);
  timeAssignment('2,000 requests × 2,000 volunteers (up to 100 proposals each, capacity 1)', tight);
}

async function main(): Promise<void> {
  const postalCodes = sharedPostalCodesFile();
  console.log(
    `nahbar matching benchmark — sizes ${SIZES.join(', ')}; ${REQUESTS} requests per size; ${JOBS} jobs for throughput`,
  );
  await recreateDatabase(BENCH_DB);
  await runMigrations(dbUrl(BENCH_DB), async (dataSource) => {
    await importPostalCodes(dataSource, postalCodes);
  });
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LINK_SECRET: 'bench-only-secret-bench-only-secret-0123',
    DATABASE_URL: dbUrl(BENCH_DB),
  });
  const app = await NestFactory.createApplicationContext(
    { module: BenchMatchingModule, imports: [CoreModule.forRoot(config)], providers: [MatchingService] },
    { logger: ['error'] },
  );
  const dataSource = app.get(DataSource);
  const service = app.get(MatchingService);
  const ctx: RankingContext = {
    now: new Date(),
    policy: DEFAULT_MATCHING_POLICY,
    skills: app.get(TaxonomyService).taxonomy.skills ?? DEFAULT_TAXONOMY.skills,
  };
  await dataSource.query(RANDOM_SQL);
  await dataSource.query(POINTS_SQL);
  const [{ points }] = await dataSource.query<{ points: number }[]>(
    `SELECT count(*)::int AS points FROM bench_point`,
  );

  let volunteers = 0;
  let assignmentsDone = false;
  for (const size of SIZES) {
    const started = performance.now();
    for (let from = volunteers + 1; from <= size; from += 100_000) {
      await dataSource.query(VOLUNTEERS_SQL, [from, Math.min(size, from + 99_999), points]);
    }
    volunteers = size;
    await dataSource.query('ANALYZE volunteer');
    console.log(
      `\n${size.toLocaleString('en')} volunteers (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    const indexed = PARTS.has('latency') ? await latencyReport(dataSource, service, size) : null;
    if (size === 100_000 && PARTS.has('brute')) {
      await bruteForceReport(dataSource, ctx, indexed);
    }
    if (size === 100_000 && PARTS.has('throughput')) {
      const baseline = await bareQueueBaseline();
      console.log(
        `  bare baseline (no-op job through the same queue, this process): ${baseline.jobsPerSecond.toFixed(0)} jobs/s, ` +
          `${baseline.cpuMsPerJob.toFixed(2)} ms CPU per job (process + Redis)`,
      );
      for (const workers of [1, 2, 3]) {
        const rate = await throughput(dataSource, workers);
        console.log(
          `  BullMQ throughput with ${workers} worker process${workers > 1 ? 'es' : ''}: ${rate.toFixed(0)} matching jobs/s (${JOBS} jobs), ` +
            `${((rate / baseline.jobsPerSecond) * 100).toFixed(1)} % of the bare baseline`,
        );
      }
    }
    if (size >= 100_000 && !assignmentsDone && PARTS.has('assignment')) {
      // 10,000 active volunteers in Hamburg exist from the 100k stage on.
      await assignmentBenchmarks(dataSource, ctx);
      assignmentsDone = true;
    }
  }
  // The retrieval path alone at the largest size, for the record.
  const [sample] = await dataSource.query<Record<string, unknown>[]>(
    `SELECT * FROM help_request WHERE status = 'proposals-ready' LIMIT 1`,
  );
  if (sample) {
    const retrievalSamples: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const started = performance.now();
      await findCandidates(
        dataSource.manager,
        {
          id: sample.id as string,
          latitude: sample.latitude as number,
          longitude: sample.longitude as number,
          helpSeekerId: null,
          neededLanguage: null,
          relatedSkills: ['shopping'],
          schedule: sample.schedule as RequestSchedule,
        },
        new Date(),
      );
      retrievalSamples.push(performance.now() - started);
    }
    console.log(
      `\n${latencyLine(`retrieval query alone at ${volunteers.toLocaleString('en')}`, retrievalSamples)}`,
    );
  }
  await app.close();
}

/** p50/p95/p99 of matching one request end to end at this size; returns the samples. */
async function latencyReport(
  dataSource: DataSource,
  service: MatchingService,
  size: number,
): Promise<number[]> {
  // A few requests first to warm caches and the connection pool; they are not counted.
  await matchingLatency(service, await createRequests(dataSource, 10, 3_000_000 + size));
  const requestIds = await createRequests(dataSource, REQUESTS, size);
  const indexed = await matchingLatency(service, requestIds);
  console.log(`  ${latencyLine('matching one request end to end', indexed)}`);
  const needsLanguage = new Set(
    (
      await dataSource.query<{ id: string }[]>(
        `SELECT id FROM help_request WHERE id = ANY($1) AND needed_language IS NOT NULL`,
        [requestIds],
      )
    ).map((row) => row.id),
  );
  const split = (withLanguage: boolean) =>
    indexed.filter((_, index) => needsLanguage.has(requestIds[index]) === withLanguage);
  console.log(`    ${latencyLine('of which with a needed language', split(true))}`);
  console.log(`    ${latencyLine('of which without', split(false))}`);
  const [{ proposed }] = await dataSource.query<{ proposed: number }[]>(
    `SELECT count(*)::int AS proposed FROM help_request WHERE id = ANY($1) AND status = 'proposals-ready'`,
    [requestIds],
  );
  console.log(`  requests with proposals: ${proposed} of ${requestIds.length}`);
  for (const batchSize of [1, 16]) {
    const cost = await batchedMatchingCost(
      dataSource,
      service,
      await createRequests(dataSource, REQUESTS, 4_000_000 + size + batchSize * REQUESTS),
      batchSize,
    );
    console.log(
      `  matched in batches of ${batchSize}: ${cost.wallMs.toFixed(2)} ms and ${cost.postgresMs.toFixed(2)} ms PostgreSQL CPU per request`,
    );
  }
  return indexed;
}

async function bruteForceReport(
  dataSource: DataSource,
  ctx: RankingContext,
  indexed: number[] | null,
): Promise<void> {
  const baselineIds = await createRequests(dataSource, 20, 2_000_000);
  const brute = await bruteForceLatency(dataSource, baselineIds, ctx);
  console.log(`  ${latencyLine('brute force (load every volunteer, score all)', brute)}`);
  if (indexed) {
    const sortedBrute = [...brute].sort((a, b) => a - b);
    const sortedIndexed = [...indexed].sort((a, b) => a - b);
    console.log(
      `  ratio brute force / indexed: p50 ${(percentile(sortedBrute, 50) / percentile(sortedIndexed, 50)).toFixed(0)}×, ` +
        `p95 ${(percentile(sortedBrute, 95) / percentile(sortedIndexed, 95)).toFixed(0)}×`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
