import { Logger } from '@nestjs/common';
import type { RepeatOptions } from 'bullmq';
import type { AppConfig } from '../config/config';
import type { JobName, QueueName } from './job-contracts';
import type { JobQueues } from './job-queues.service';
import { ensureJobScheduler } from './job-schedulers';
import { JobHandlers, startQueueWorker } from './queue-worker';

/** Declared again from time to time: a Redis that lost its data lost the schedulers too. */
const RESCHEDULE_EVERY_MS = 60_000;

export interface JobSchedule<Q extends QueueName> {
  job: JobName<Q>;
  repeat: Pick<RepeatOptions, 'pattern' | 'tz'>;
}

export interface ScheduledQueueWorker {
  close(): Promise<void>;
}

/**
 * A queue whose jobs carry nothing and run on cron schedules (retention, host reminders, placement
 * follow-ups, the report rollup): one worker at concurrency 1, and the schedulers declared at start
 * and every minute. Every worker may declare them; Redis keeps one of each (ensureJobScheduler), and
 * the jobs themselves record what they did, so a period run twice does its work once.
 */
export async function startScheduledQueueWorker<Q extends QueueName>(options: {
  config: AppConfig;
  queues: JobQueues;
  queue: Q;
  handlers: JobHandlers<Q>;
  schedules: JobSchedule<Q>[];
}): Promise<ScheduledQueueWorker> {
  const logger = new Logger(`${options.queue}-schedules`);
  const worker = startQueueWorker({
    config: options.config,
    queue: options.queue,
    concurrency: 1,
    handlers: options.handlers,
  });
  const schedule = async (): Promise<void> => {
    try {
      const queue = options.queues.get(options.queue);
      for (const { job, repeat } of options.schedules) {
        await ensureJobScheduler(queue, job, repeat, { name: job, data: {} });
      }
    } catch (error) {
      logger.warn(`could not schedule the ${options.queue} jobs yet: ${(error as Error).message}`);
    }
  };
  await schedule();
  const timer = setInterval(() => void schedule(), RESCHEDULE_EVERY_MS);
  return {
    async close(): Promise<void> {
      clearInterval(timer);
      await worker.close();
    },
  };
}
