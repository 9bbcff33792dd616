import { Job, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Notification } from '../../src/notifications/notification.entity';
import { NOTIFICATIONS_QUEUE, sendNotificationJobId } from '../../src/queue/job-contracts';
import type { TestStack } from './test-stack';
import { TEST_REDIS_URL } from './test-env';

/**
 * Reaches the test stack's notifications queue, to see a delayed send job and to let it run now
 * instead of waiting for quiet hours or a digest time to pass.
 */
export class NotificationJobs {
  private readonly connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  private readonly queue: Queue;

  constructor(private readonly stack: TestStack) {
    this.queue = new Queue(NOTIFICATIONS_QUEUE, {
      connection: this.connection,
      prefix: stack.config.QUEUE_PREFIX,
    });
  }

  async job(notificationId: string): Promise<Job | undefined> {
    return Job.fromId(this.queue, sendNotificationJobId(notificationId));
  }

  async state(notificationId: string): Promise<string | null> {
    const job = await this.job(notificationId);
    return job ? job.getState() : null;
  }

  /** Runs the delayed job now; with `due`, the notification's earliest send time is moved to now first. */
  async runNow(notificationId: string, options: { due: boolean }): Promise<void> {
    if (options.due) {
      await this.stack.dataSource
        .getRepository(Notification)
        .update(notificationId, { notBefore: new Date() });
    }
    const job = await this.job(notificationId);
    if (!job) {
      throw new Error(`no send job for notification ${notificationId}`);
    }
    await job.promote();
  }

  /** A repeatable job's scheduler (pattern, time zone) on any of the stack's queues. */
  async scheduler(queueName: string, id: string): Promise<unknown> {
    const queue = new Queue(queueName, {
      connection: this.connection,
      prefix: this.stack.config.QUEUE_PREFIX,
    });
    try {
      return await queue.getJobScheduler(id);
    } finally {
      await queue.close();
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
