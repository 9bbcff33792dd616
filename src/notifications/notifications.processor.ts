import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DelayedError, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB } from '../queue/job-contracts';
import { startQueueWorker } from '../queue/queue-worker';
import { retryDelayMs, smtpRetryPolicy } from '../queue/delivery-retry';
import { EMAIL_TRANSPORT, EmailTransport } from './email-transport';
import { MicroBatcher } from '../queue/micro-batch';
import { DeliveryResult, NotificationDelivery } from './notification-delivery.service';

/**
 * Jobs that arrive together are delivered together (one lock statement, one read, the composing
 * reads, grouped records); a lone job starts at once. Enough concurrent jobs keep both slots full.
 */
const DELIVERY_BATCH_SIZE = 32;
const DELIVERY_CONCURRENT_BATCHES = 2;

/** Thin: validates each job and delivers the notification it names. Only the worker provides it. */
@Injectable()
export class NotificationsProcessor
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private worker?: Worker;
  private readonly deliveries = new MicroBatcher<string, DeliveryResult>({
    maxBatchSize: DELIVERY_BATCH_SIZE,
    maxConcurrentBatches: DELIVERY_CONCURRENT_BATCHES,
    run: (notificationIds) => this.delivery.deliverMany(notificationIds),
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: NotificationDelivery,
    @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport,
  ) {}

  onApplicationBootstrap(): void {
    const policy = smtpRetryPolicy(this.config);
    this.worker = startQueueWorker({
      config: this.config,
      queue: NOTIFICATIONS_QUEUE,
      concurrency: this.config.NOTIFY_CONCURRENCY,
      handlers: {
        [SEND_NOTIFICATION_JOB]: async ({ notificationId }, job, token) => {
          const result = await this.deliveries.submit(notificationId);
          if ('retry' in result) {
            throw result.retry; // temporary: BullMQ retries with backoff
          }
          // Ran before the earliest send time (promoted, or enqueued without delay): wait, without
          // using up an attempt.
          if ('notBefore' in result) {
            await job.moveToDelayed(result.notBefore.getTime(), token);
            throw new DelayedError();
          }
          return result.outcome;
        },
      },
      backoffStrategy: (attemptsMade) => retryDelayMs(attemptsMade, policy),
    });
  }

  /**
   * On SIGTERM, before the database and the SMTP pool close: running jobs finish (or fail and are
   * retried); waiting ones stay in Redis for the next worker.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
