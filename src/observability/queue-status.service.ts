import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobQueues } from '../queue/job-queues.service';
import { QUEUE_NAMES, QueueName } from '../queue/job-contracts';
import {
  JobDurations,
  JobOutcomeCount,
  readHeartbeats,
  readJobStats,
  WorkerHeartbeat,
} from '../queue/job-stats';
import { producerConnection } from '../queue/redis-connections';

/** BullMQ waits for Redis to be ready; a page or a scrape must not wait with it. */
const REDIS_ANSWER_MS = 2000;

function withinTime<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis did not answer within ${REDIS_ANSWER_MS} ms`)),
      REDIS_ANSWER_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** BullMQ's job states that say how much work is queued or stuck. */
export const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export type QueueDepths = Record<QueueName, Record<QueueState, number>>;

/** What Redis knows about the job side: queue depths, the workers' counts and their heartbeats. */
@Injectable()
export class QueueStatusService implements OnModuleDestroy {
  private readonly logger = new Logger(QueueStatusService.name);
  private readonly redis: IORedis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: JobQueues,
  ) {
    this.redis = producerConnection(config.REDIS_URL);
    this.redis.on('error', (error: Error) => this.logger.debug(`redis: ${error.message}`));
  }

  async depths(): Promise<QueueDepths> {
    // Fail at once rather than leave BullMQ waiting for a Redis that is known to be away.
    if (this.redis.status !== 'ready') {
      throw new Error(`Redis is not connected (${this.redis.status})`);
    }
    const entries = await withinTime(
      Promise.all(
        QUEUE_NAMES.map(async (name) => {
          const counts = await this.queues.get(name).getJobCounts(...QUEUE_STATES);
          const depth = Object.fromEntries(QUEUE_STATES.map((state) => [state, counts[state] ?? 0]));
          return [name, depth as Record<QueueState, number>] as const;
        }),
      ),
    );
    return Object.fromEntries(entries) as QueueDepths;
  }

  async jobStats(): Promise<{ outcomes: JobOutcomeCount[]; durations: JobDurations[] }> {
    return withinTime(readJobStats(this.redis, this.config.QUEUE_PREFIX));
  }

  async heartbeats(): Promise<WorkerHeartbeat[]> {
    return withinTime(readHeartbeats(this.redis, this.config.QUEUE_PREFIX));
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
