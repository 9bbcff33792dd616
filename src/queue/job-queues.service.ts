import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MATCHING_QUEUE, NOTIFICATIONS_QUEUE, QUEUE_NAMES, QueueName } from './queues';
import { producerConnection } from './redis-connections';

/** Retries per queue: matching is cheap to redo; SMTP outages can last hours (see README). */
const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  [MATCHING_QUEUE]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  [NOTIFICATIONS_QUEUE]: {
    attempts: 15,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  },
};

/** The producer side of BullMQ: the API and the outbox relay enqueue through here, never process. */
@Injectable()
export class JobQueues implements OnModuleDestroy {
  private readonly logger = new Logger(JobQueues.name);
  private readonly connection: IORedis;
  private readonly queues: Map<QueueName, Queue>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
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
  async add(
    queue: QueueName,
    jobName: string,
    jobId: string,
    payload: object,
    notBefore?: Date | null,
  ): Promise<void> {
    if (this.connection.status !== 'ready') {
      throw new Error(`Redis is not connected (${this.connection.status})`);
    }
    const delay = notBefore ? notBefore.getTime() - Date.now() : 0;
    await this.get(queue).add(jobName, payload, {
      ...JOB_OPTIONS[queue],
      jobId,
      ...(delay > 0 ? { delay } : {}),
    });
  }

  get(queue: QueueName): Queue {
    const found = this.queues.get(queue);
    if (!found) {
      throw new Error(`unknown queue ${queue}`);
    }
    return found;
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
