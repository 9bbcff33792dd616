import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import type { AppConfig } from '../config/config';
import { QueueName } from './queues';
import { workerConnectionOptions } from './redis-connections';

export interface JobHandler<T> {
  schema: z.ZodType<T>;
  /** `token` is the worker's lock token, for `job.moveToDelayed` (a job that ran too early). */
  handle: (payload: T, job: Job, token?: string) => Promise<unknown>;
}

/** Keeps each handler's payload type tied to its schema. */
export const jobHandler = <T>(
  schema: z.ZodType<T>,
  handle: (payload: T, job: Job, token?: string) => Promise<unknown>,
): JobHandler<T> => ({
  schema,
  handle,
});

/**
 * Starts a BullMQ worker whose payloads are validated first: a malformed payload or an unknown job
 * name fails the job for good (kept in the failed set, logged), instead of being retried forever.
 */
export function startQueueWorker(options: {
  config: AppConfig;
  queue: QueueName;
  concurrency: number;
  handlers: Record<string, JobHandler<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each entry pairs its own schema and handler
  /** Delay before retry n (1-based) for jobs whose backoff type is not built in. */
  backoffStrategy?: (attemptsMade: number) => number;
}): Worker {
  const logger = new Logger(`${options.queue}-worker`);
  const worker = new Worker(
    options.queue,
    async (job: Job, token?: string) => {
      const handler = options.handlers[job.name];
      if (!handler) {
        throw new UnrecoverableError(`no handler for job ${job.name} on ${options.queue}`);
      }
      const parsed = handler.schema.safeParse(job.data);
      if (!parsed.success) {
        throw new UnrecoverableError(
          `invalid payload for ${job.name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
        );
      }
      return handler.handle(parsed.data, job, token);
    },
    {
      connection: workerConnectionOptions(options.config.REDIS_URL),
      prefix: options.config.QUEUE_PREFIX,
      concurrency: options.concurrency,
      // A killed worker's jobs are picked up again once their lock has expired unrenewed.
      lockDuration: options.config.QUEUE_LOCK_MS,
      stalledInterval: options.config.QUEUE_LOCK_MS,
      settings: options.backoffStrategy ? { backoffStrategy: options.backoffStrategy } : undefined,
    },
  );
  worker.on('failed', (job, error) =>
    logger.warn(`job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? 0}): ${error.message}`),
  );
  worker.on('error', (error) => logger.debug(`worker: ${error.message}`));
  return worker;
}
