import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import type { AppConfig } from '../config/config';
import { QueueName } from './queues';
import { workerConnectionOptions } from './redis-connections';

/**
 * Starts a BullMQ worker whose payloads are validated first: a malformed payload fails the job for
 * good (kept in the failed set, logged), instead of being retried forever or processed half-way.
 */
export function startQueueWorker<T>(options: {
  config: AppConfig;
  queue: QueueName;
  schema: z.ZodType<T>;
  concurrency: number;
  handle: (payload: T, job: Job) => Promise<unknown>;
}): Worker {
  const logger = new Logger(`${options.queue}-worker`);
  const worker = new Worker(
    options.queue,
    async (job: Job) => {
      const parsed = options.schema.safeParse(job.data);
      if (!parsed.success) {
        throw new UnrecoverableError(
          `invalid payload for ${job.name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
        );
      }
      return options.handle(parsed.data, job);
    },
    {
      connection: workerConnectionOptions(options.config.REDIS_URL),
      prefix: options.config.QUEUE_PREFIX,
      concurrency: options.concurrency,
    },
  );
  worker.on('failed', (job, error) =>
    logger.warn(`job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? 0}): ${error.message}`),
  );
  worker.on('error', (error) => logger.debug(`worker: ${error.message}`));
  return worker;
}
