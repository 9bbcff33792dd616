import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DelayedError, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobQueues } from '../queue/job-queues.service';
import {
  JobPayload,
  NOTIFICATIONS_QUEUE,
  SEND_NOTIFICATION_JOB,
  STAFF_DIGEST_JOB,
} from '../queue/job-contracts';
import { ensureJobScheduler } from '../queue/job-schedulers';
import { startQueueWorker } from '../queue/queue-worker';
import { retryDelayMs, smtpRetryPolicy } from '../queue/delivery-retry';
import { EMAIL_TRANSPORT, EmailTransport } from './email-transport';
import { MicroBatcher } from '../queue/micro-batch';
import { DeliveryResult, NotificationDelivery } from './notification-delivery.service';
import { StaffDigestService } from './staff-digest.service';

/**
 * Jobs that arrive together are delivered together (one lock statement, one read, the composing
 * reads, grouped records); a lone job starts at once. Enough concurrent jobs keep both slots full.
 */
const DELIVERY_BATCH_SIZE = 32;
const DELIVERY_CONCURRENT_BATCHES = 2;
/** The scheduler is declared again from time to time: a Redis that lost its data lost it too. */
const RESCHEDULE_EVERY_MS = 60_000;

/**
 * Thin: validates each job and delivers the notification it names, or queues the day's staff
 * digest. Only the worker provides it.
 */
@Injectable()
export class NotificationsProcessor
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(NotificationsProcessor.name);
  private worker?: Worker;
  private scheduleTimer?: NodeJS.Timeout;
  private readonly deliveries = new MicroBatcher<string, DeliveryResult>({
    maxBatchSize: DELIVERY_BATCH_SIZE,
    maxConcurrentBatches: DELIVERY_CONCURRENT_BATCHES,
    run: (notificationIds) => this.delivery.deliverMany(notificationIds),
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: NotificationDelivery,
    @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport,
    private readonly staffDigest: StaffDigestService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
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
        [STAFF_DIGEST_JOB]: () => this.staffDigest.queueDigest(),
      },
      backoffStrategy: (attemptsMade) => retryDelayMs(attemptsMade, policy),
    });
    // Upserted by id, so every worker may declare it; Redis keeps one, and each morning's run has
    // one job id (and the digest email is keyed by the day besides).
    await this.scheduleDigest();
    this.scheduleTimer = setInterval(() => void this.scheduleDigest(), RESCHEDULE_EVERY_MS);
  }

  private async scheduleDigest(): Promise<void> {
    try {
      const data: JobPayload<typeof NOTIFICATIONS_QUEUE, typeof STAFF_DIGEST_JOB> = {};
      await ensureJobScheduler(
        this.queues.get(NOTIFICATIONS_QUEUE),
        STAFF_DIGEST_JOB,
        { pattern: this.config.STAFF_DIGEST_CRON, tz: 'Europe/Berlin' },
        { name: STAFF_DIGEST_JOB, data },
      );
    } catch (error) {
      this.logger.warn(`could not schedule ${STAFF_DIGEST_JOB} yet: ${(error as Error).message}`);
    }
  }

  /**
   * On SIGTERM, before the database and the SMTP pool close: running jobs finish (or fail and are
   * retried); waiting ones stay in Redis for the next worker.
   */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    await this.worker?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
