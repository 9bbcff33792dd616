import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { currentRequestId } from '../common/request-context';
import { JobQueues } from './job-queues.service';
import { JobEntry, QueueName } from './job-contracts';
import { OutboxJob } from './outbox-job.entity';

/**
 * Transactional outbox: `add` writes the job in the caller's transaction; `relay` moves pending
 * rows to BullMQ. Relaying twice is harmless because BullMQ ignores a job id it already holds.
 */
const ENQUEUE_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  async add(manager: EntityManager, entry: JobEntry): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxJob)
      .values({ ...entry, requestId: currentRequestId() ?? null })
      .orIgnore() // same job id already written: the job is already on its way
      .execute();
  }

  /**
   * The fast path after a commit: hand the new jobs to Redis without making the caller wait for
   * Redis. If it fails, the worker's poller relays them later.
   */
  relaySoon(jobIds: (string | null)[]): void {
    const pending = jobIds.filter((id): id is string => id !== null);
    if (pending.length > 0) {
      void this.relay({ jobIds: pending });
    }
  }

  /**
   * Enqueues pending rows (all, or just the given job ids). Returns how many were enqueued; when
   * Redis is unreachable the rows stay pending for the next pass and 0 is returned.
   */
  async relay(options: { jobIds?: string[]; limit?: number } = {}): Promise<number> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const query = manager
          .getRepository(OutboxJob)
          .createQueryBuilder('job')
          .where('job.enqueued_at IS NULL')
          .orderBy('job.id')
          .limit(options.limit ?? 200)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked');
        if (options.jobIds) {
          if (options.jobIds.length === 0) {
            return 0;
          }
          query.andWhere('job.job_id IN (:...jobIds)', { jobIds: options.jobIds });
        }
        const pending = await query.getMany();
        const byQueue = new Map<QueueName, OutboxJob[]>();
        for (const job of pending) {
          const queue = job.queue as QueueName;
          byQueue.set(queue, [...(byQueue.get(queue) ?? []), job]);
        }
        for (const [queue, jobs] of byQueue) {
          // BullMQ waits for Redis to be ready; bound it, or a Redis outage would hang the relay.
          await withTimeout(this.queues.addBulk(queue, jobs), ENQUEUE_TIMEOUT_MS);
        }
        if (pending.length > 0) {
          await manager.update(
            OutboxJob,
            pending.map((job) => job.id),
            { enqueuedAt: new Date() },
          );
        }
        return pending.length;
      });
    } catch (error) {
      this.logger.warn(`outbox relay postponed: ${(error as Error).message}`);
      return 0;
    }
  }
}
