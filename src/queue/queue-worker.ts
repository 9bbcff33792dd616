import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { runWithRequestId } from '../common/request-context';
import type { AppConfig } from '../config/config';
import { JobName, JobPayload, parseJobPayload, QueueName, splitJobData } from './job-contracts';
import { failureOutcome, recordJobOutcome } from './job-stats';
import { producerConnection, workerConnectionOptions } from './redis-connections';
import { recordScheduledRun } from './scheduled-runs';

/** `token` is the worker's lock token, for `job.moveToDelayed` (a job that ran too early). */
export type JobHandlers<Q extends QueueName> = {
  [J in JobName<Q>]: (payload: JobPayload<Q, J>, job: Job, token?: string) => Promise<unknown>;
};

/**
 * When a killed worker's jobs run again: its locks expire unrenewed at most `lockDuration` after the
 * kill, and the next stalled check (every `stalledInterval`, by any worker) queues them again. With
 * the defaults (20 s + 15 s) that is within 35 s of the kill, plus a worker's start-up (docs/delivery.md).
 */
export function stalledJobOptions(config: Pick<AppConfig, 'QUEUE_LOCK_MS' | 'QUEUE_STALLED_CHECK_MS'>): {
  lockDuration: number;
  stalledInterval: number;
} {
  return { lockDuration: config.QUEUE_LOCK_MS, stalledInterval: config.QUEUE_STALLED_CHECK_MS };
}

/** The id a job's log lines carry: its request's, or for scheduled jobs (no request) its own. */
function requestIdOf(job: Job | undefined): string {
  return splitJobData(job?.data).meta.requestId ?? `job-${job?.id ?? '?'}`;
}

/**
 * Starts a BullMQ worker with one handler per job of the queue's contract (a missing one does not
 * compile). Payloads are validated against the contract first: a malformed payload or an unknown
 * job name fails the job for good (kept in the failed set, logged), instead of being retried forever.
 */
export function startQueueWorker<Q extends QueueName>(options: {
  config: AppConfig;
  queue: Q;
  concurrency: number;
  handlers: JobHandlers<Q>;
  /** Delay before retry n (1-based) for jobs whose backoff type is not built in. */
  backoffStrategy?: (attemptsMade: number) => number;
}): Worker {
  const logger = new Logger(`${options.queue}-worker`);
  // Its own connection for the scheduled-run log (BullMQ's internal client is not public API); it
  // queues commands until connected, like BullMQ's, so a job that starts early is not refused.
  const runLog = new IORedis(options.config.REDIS_URL, { maxRetriesPerRequest: 1, disconnectTimeout: 200 });
  runLog.on('error', (error: Error) => logger.debug(`run log: ${error.message}`));
  const worker = new Worker(
    options.queue,
    (job: Job, token?: string) => {
      const { payload } = splitJobData(job.data);
      return runWithRequestId(requestIdOf(job), async () => {
        const parsed = parseJobPayload(options.queue, job.name, payload);
        if (!parsed.ok) {
          throw new UnrecoverableError(parsed.error);
        }
        // A scheduler's job (its id names the period): counted, so a period run twice shows.
        if (job.repeatJobKey && job.id) {
          await recordScheduledRun(runLog, options.config.QUEUE_PREFIX, job.name, job.id);
        }
        const handle = options.handlers[job.name as JobName<Q>] as (
          payload: unknown,
          job: Job,
          token?: string,
        ) => Promise<unknown>;
        return handle(parsed.payload, job, token);
      });
    },
    {
      connection: workerConnectionOptions(options.config.REDIS_URL),
      prefix: options.config.QUEUE_PREFIX,
      concurrency: options.concurrency,
      ...stalledJobOptions(options.config),
      settings: options.backoffStrategy ? { backoffStrategy: options.backoffStrategy } : undefined,
    },
  );
  worker.on('failed', (job, error) =>
    runWithRequestId(requestIdOf(job), () =>
      logger.warn(`job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? 0}): ${error.message}`),
    ),
  );
  worker.on('error', (error) => logger.debug(`worker: ${error.message}`));
  // Outcomes and durations for /metrics, best effort: a lost count never fails or delays a job.
  const stats = producerConnection(options.config.REDIS_URL);
  stats.on('error', (error: Error) => logger.debug(`stats: ${error.message}`));
  const prefix = options.config.QUEUE_PREFIX;
  worker.on('completed', (job) => {
    recordJobOutcome(stats, prefix, job, 'completed').catch(() => undefined);
    runWithRequestId(requestIdOf(job), () =>
      logger.debug(
        `job ${job.name} ${job.id ?? '?'} completed in ${(job.finishedOn ?? 0) - (job.processedOn ?? 0)} ms`,
      ),
    );
  });
  worker.on('failed', (job, error) => {
    if (job) {
      recordJobOutcome(stats, prefix, job, failureOutcome(job, error)).catch(() => undefined);
    }
  });
  worker.on('closed', () => {
    stats.disconnect();
    runLog.disconnect();
  });
  return worker;
}
