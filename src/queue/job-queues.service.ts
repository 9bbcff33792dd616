import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { currentRequestId } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/config';
import { attemptsCoveringWindow, NOTIFICATION_BACKOFF, smtpRetryPolicy } from './delivery-retry';
import {
  JobName,
  JobPayload,
  MAINTENANCE_QUEUE,
  HOSTS_QUEUE,
  PLACEMENTS_QUEUE,
  TRANSFER_QUEUE,
  MATCHING_QUEUE,
  NOTIFICATIONS_QUEUE,
  QUEUE_NAMES,
  QueueName,
  REPORTS_QUEUE,
  withJobMeta,
} from './job-contracts';
import { producerConnection } from './redis-connections';
import { claimPeriod, recordScheduledRun } from './scheduled-runs';

/**
 * Retries per queue: matching is cheap to redo; SMTP outages can last hours, so notification jobs
 * are retried with capped, jittered backoff until the configured window has passed (see README).
 */
/** Hourly sweeps that look for due work themselves: a failed run is retried a little, then left to the next. */
const HOURLY_SWEEP_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 500 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

function jobOptions(config: AppConfig): Record<QueueName, JobsOptions> {
  return {
    [MATCHING_QUEUE]: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
    [NOTIFICATIONS_QUEUE]: {
      attempts: attemptsCoveringWindow(smtpRetryPolicy(config)),
      backoff: { type: NOTIFICATION_BACKOFF },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
    },
    // A failed daily run is retried a few times; the next day's run completes whatever is left.
    [MAINTENANCE_QUEUE]: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 100 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
    // Hourly reminders and the daily pause: the next run picks up what a failed one left.
    [HOSTS_QUEUE]: HOURLY_SWEEP_OPTIONS,
    // The hourly follow-up: the next run picks up what a failed one left (follow_up_sent_at still null).
    [PLACEMENTS_QUEUE]: HOURLY_SWEEP_OPTIONS,
    // An import resumes after its committed batches, so a retry costs little.
    [TRANSFER_QUEUE]: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 500 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
    // The rollup runs every 10 minutes; the next run redoes what a failed one left.
    [REPORTS_QUEUE]: {
      attempts: 2,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { age: 24 * 3600, count: 200 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  };
}

/** The producer side of BullMQ: the API and the outbox relay enqueue through here, never process. */
@Injectable()
export class JobQueues implements OnModuleDestroy {
  private readonly logger = new Logger(JobQueues.name);
  private readonly connection: IORedis;
  private readonly queues: Map<QueueName, Queue>;
  private readonly options: Record<QueueName, JobsOptions>;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = jobOptions(config);
    this.prefix = config.QUEUE_PREFIX;
    this.connection = producerConnection(config.REDIS_URL);
    // Without a listener ioredis reports every failed reconnect as an unhandled error.
    this.connection.on('error', (error: Error) => this.logger.debug(`redis: ${error.message}`));
    this.queues = new Map(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, { connection: this.connection, prefix: config.QUEUE_PREFIX });
        queue.on('error', (error: Error) => this.logger.debug(`queue ${name}: ${error.message}`));
        return [name, queue];
      }),
    );
  }

  /**
   * Fails at once while Redis is unreachable, so no caller holds a transaction waiting for it.
   * A job with `notBefore` in the future waits in BullMQ's delayed set until then.
   */
  async add<Q extends QueueName, J extends JobName<Q>>(
    queue: Q,
    jobName: J,
    jobId: string,
    payload: JobPayload<Q, J>,
    notBefore?: Date | null,
  ): Promise<void> {
    if (this.connection.status !== 'ready') {
      throw new Error(`Redis is not connected (${this.connection.status})`);
    }
    await this.get(queue).add(jobName, withJobMeta(payload, currentRequestId()), {
      ...this.options[queue],
      jobId,
      ...delayUntil(notBefore),
    });
  }

  /**
   * Many jobs in one round trip (the outbox relay); ids already held are ignored as with `add`.
   * The rows were typed by their contract when the outbox wrote them; the processor checks again.
   */
  async addBulk(
    queue: QueueName,
    jobs: {
      jobName: string;
      jobId: string;
      payload: object;
      notBefore?: Date | null;
      requestId?: string | null;
    }[],
  ): Promise<void> {
    if (this.connection.status !== 'ready') {
      throw new Error(`Redis is not connected (${this.connection.status})`);
    }
    await this.get(queue).addBulk(
      jobs.map((job) => ({
        name: job.jobName,
        data: withJobMeta(job.payload, job.requestId ?? currentRequestId()),
        opts: { ...this.options[queue], jobId: job.jobId, ...delayUntil(job.notBefore) },
      })),
    );
  }

  get(queue: QueueName): Queue {
    const found = this.queues.get(queue);
    if (!found) {
      throw new Error(`unknown queue ${queue}`);
    }
    return found;
  }

  /** See scheduled-runs.ts: true for the one worker that runs this period's pass; null if Redis cannot say. */
  claimPeriod(name: string, periodMs: number, now: Date): Promise<boolean | null> {
    return claimPeriod(this.connection, this.prefix, name, periodMs, now);
  }

  recordScheduledRun(jobName: string, runKey: string): Promise<void> {
    return recordScheduledRun(this.connection, this.prefix, jobName, runKey);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.connection.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.connection.disconnect();
  }
}

/** A job not to run before `notBefore` waits in BullMQ's delayed set until then. */
function delayUntil(notBefore: Date | null | undefined): { delay?: number } {
  const delay = notBefore ? notBefore.getTime() - Date.now() : 0;
  return delay > 0 ? { delay } : {};
}
