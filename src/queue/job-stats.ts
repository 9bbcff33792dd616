import { hostname } from 'node:os';
import type IORedis from 'ioredis';
import type { Job } from 'bullmq';

/*
 * Job outcomes and durations, counted in Redis by every worker process, so the API's /metrics and
 * the console's system page show the whole fleet's figures whichever process answers. Keys carry
 * the queue prefix, so agencies sharing a Redis never mix their figures.
 */

/** Seconds; the upper bounds of the job duration histogram (matching runs are tens of ms). */
export const JOB_DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
] as const;

/** completed; retry = an attempt failed and another follows; failed = no attempt left. */
export type JobOutcome = 'completed' | 'retry' | 'failed';

const outcomesKey = (prefix: string): string => `${prefix}:stats:job-outcomes`;
const durationsKey = (prefix: string): string => `${prefix}:stats:job-durations`;
const heartbeatPattern = (prefix: string): string => `${prefix}:heartbeat:*`;

/** Whether a failed attempt was the last one. */
export function failureOutcome(job: Pick<Job, 'attemptsMade' | 'opts'>, error: Error): JobOutcome {
  const last = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
  return last ? 'failed' : 'retry';
}

/** Index of the bucket a duration falls in (the last index is +Inf). */
export function bucketIndex(seconds: number): number {
  const index = JOB_DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
  return index === -1 ? JOB_DURATION_BUCKETS.length : index;
}

export async function recordJobOutcome(
  redis: IORedis,
  prefix: string,
  job: Pick<Job, 'queueName' | 'name' | 'processedOn' | 'finishedOn'>,
  outcome: JobOutcome,
): Promise<void> {
  const series = `${job.queueName}|${job.name}`;
  const multi = redis.multi().hincrby(outcomesKey(prefix), `${series}|${outcome}`, 1);
  if (outcome === 'completed' && job.processedOn && job.finishedOn) {
    const seconds = Math.max(0, job.finishedOn - job.processedOn) / 1000;
    multi
      .hincrby(durationsKey(prefix), `${series}|b${bucketIndex(seconds)}`, 1)
      .hincrbyfloat(durationsKey(prefix), `${series}|sum`, seconds)
      .hincrby(durationsKey(prefix), `${series}|count`, 1);
  }
  await multi.exec();
}

export interface JobOutcomeCount {
  queue: string;
  job: string;
  outcome: JobOutcome;
  count: number;
}

export interface JobDurations {
  queue: string;
  job: string;
  /** Per bucket (not cumulative), the last one +Inf. */
  buckets: number[];
  sum: number;
  count: number;
}

export async function readJobStats(
  redis: IORedis,
  prefix: string,
): Promise<{ outcomes: JobOutcomeCount[]; durations: JobDurations[] }> {
  const [outcomeFields, durationFields] = await Promise.all([
    redis.hgetall(outcomesKey(prefix)),
    redis.hgetall(durationsKey(prefix)),
  ]);
  const outcomes = Object.entries(outcomeFields).map(([field, value]) => {
    const [queue, job, outcome] = field.split('|');
    return { queue, job, outcome: outcome as JobOutcome, count: Number(value) };
  });
  const bySeries = new Map<string, JobDurations>();
  for (const [field, value] of Object.entries(durationFields)) {
    const [queue, job, part] = field.split('|');
    const key = `${queue}|${job}`;
    const series = bySeries.get(key) ?? {
      queue,
      job,
      buckets: new Array<number>(JOB_DURATION_BUCKETS.length + 1).fill(0),
      sum: 0,
      count: 0,
    };
    if (part === 'sum') {
      series.sum = Number(value);
    } else if (part === 'count') {
      series.count = Number(value);
    } else {
      series.buckets[Number(part.slice(1))] = Number(value);
    }
    bySeries.set(key, series);
  }
  return { outcomes, durations: [...bySeries.values()] };
}

export interface WorkerHeartbeat {
  worker: string;
  startedAt: string;
  beatAt: string;
}

/** This process's name in the heartbeats: host and pid, no personal data. */
export const workerName = (): string => `${hostname()}-${process.pid}`;

export async function writeHeartbeat(
  redis: IORedis,
  prefix: string,
  beat: WorkerHeartbeat,
  ttlSeconds: number,
): Promise<void> {
  await redis.set(`${prefix}:heartbeat:${beat.worker}`, JSON.stringify(beat), 'EX', ttlSeconds);
}

export async function removeHeartbeat(redis: IORedis, prefix: string, worker: string): Promise<void> {
  await redis.del(`${prefix}:heartbeat:${worker}`);
}

/** Live workers: each heartbeat key expires after a few missed beats. */
export async function readHeartbeats(redis: IORedis, prefix: string): Promise<WorkerHeartbeat[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', heartbeatPattern(prefix), 'COUNT', 200);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  if (keys.length === 0) {
    return [];
  }
  const values = await redis.mget(...keys);
  return values
    .filter((value): value is string => value !== null)
    .map((value) => JSON.parse(value) as WorkerHeartbeat)
    .sort((a, b) => a.worker.localeCompare(b.worker));
}
