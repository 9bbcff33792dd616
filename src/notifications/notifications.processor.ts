import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Worker } from 'bullmq';
import { z } from 'zod';
import { APP_CONFIG, AppConfig } from '../config/config';
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB } from '../queue/queues';
import { jobHandler, startQueueWorker } from '../queue/queue-worker';
import { NotificationSender } from './notification-sender.service';

const sendNotificationPayload = z.object({ notificationId: z.string().uuid() });

@Injectable()
export class NotificationsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sender: NotificationSender,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker({
      config: this.config,
      queue: NOTIFICATIONS_QUEUE,
      concurrency: 5,
      handlers: {
        [SEND_NOTIFICATION_JOB]: jobHandler(
          sendNotificationPayload,
          async ({ notificationId }, job, token) => {
            const outcome = await this.sender.send(notificationId);
            // [msgs] Ran before the earliest send time (promoted, or enqueued without delay): wait,
            // without using up an attempt.
            if (typeof outcome === 'object') {
              await job.moveToDelayed(outcome.notBefore.getTime(), token);
              throw new DelayedError();
            }
            return outcome;
          },
        ),
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
