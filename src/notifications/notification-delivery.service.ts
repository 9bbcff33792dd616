import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityNotFoundError, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Match } from '../matching/match.entity';
import { JobQueues } from '../queue/job-queues.service';
import {
  COMPOSE_NOTIFICATION_JOB,
  composeNotificationJobId,
  NOTIFICATIONS_QUEUE,
  SEND_NOTIFICATION_JOB,
  sendNotificationJobId,
} from '../queue/queues';
import { retryWindowIsOver, smtpRetryPolicy, type RetryPolicy } from './delivery-retry';
import { EMAIL_TRANSPORT, EmailTransport, isPermanentDeliveryError } from './email-transport';
import { NotificationComposer } from './notification-composer.service';
import { Notification } from './notification.entity';
import { UndeliverableAddress } from './undeliverable-address.entity';

export type ComposeOutcome = 'composed' | 'already-composed' | 'not-open' | 'failed';
export type SendOutcome = 'sent' | 'not-open' | 'not-composed' | 'undeliverable' | 'gave-up';

/** Another worker holds the row right now (it is sending it); this job tries again later. */
export class NotificationBusyError extends Error {
  constructor(notificationId: string) {
    super(`notification ${notificationId} is being sent by another worker`);
    this.name = new.target.name;
  }
}

const LOCK_NOT_AVAILABLE = '55P03';

const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Delivers a notification in two jobs. Compose reads the state and stores the rendered email on
 * the row; send only talks SMTP, so an SMTP retry never redoes anything else.
 *
 * At most once from our side: the send step holds the row lock from before SMTP until the commit
 * that records `sent`, so no second worker can send the row meanwhile, and a crashed worker's lock
 * goes with its connection. The one duplicate left is a crash after the server's `250` and before
 * that commit: the email is then sent again, with the same Message-ID.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger(NotificationDelivery.name);
  private readonly retry: RetryPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport,
    private readonly composer: NotificationComposer,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.retry = smtpRetryPolicy(config);
  }

  async compose(notificationId: string): Promise<ComposeOutcome> {
    const repository = this.dataSource.getRepository(Notification);
    const notification = await repository.findOneBy({ id: notificationId });
    if (!notification || (notification.status !== 'pending' && notification.status !== 'composed')) {
      return 'not-open';
    }
    let outcome: ComposeOutcome = 'already-composed';
    if (notification.status === 'pending') {
      let email;
      try {
        email = await this.composer.compose(notification);
      } catch (error) {
        if (error instanceof EntityNotFoundError) {
          // What the email is about is gone: no retry can compose it.
          await repository.update(
            { id: notificationId, status: 'pending' },
            { status: 'failed', lastError: errorText(error) },
          );
          this.logger.warn(`notification ${notificationId} cannot be composed: its subject is gone`);
          return 'failed';
        }
        throw error;
      }
      await repository.update(
        { id: notificationId, status: 'pending' },
        { status: 'composed', composedEmail: email, composedAt: new Date() },
      );
      outcome = 'composed';
    }
    // Also when it was composed already: this job may be the retry of one that failed right here.
    await this.queues.add(NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB, sendNotificationJobId(notificationId), {
      notificationId,
    });
    return outcome;
  }

  async send(notificationId: string): Promise<SendOutcome> {
    const result = await this.dataSource
      .transaction((manager) => this.sendLocked(manager, notificationId))
      .catch((error: unknown) => {
        if (
          error instanceof QueryFailedError &&
          (error.driverError as { code?: string }).code === LOCK_NOT_AVAILABLE
        ) {
          throw new NotificationBusyError(notificationId);
        }
        throw error;
      });
    if (result.outcome === 'not-composed') {
      // A send job from before the compose step existed, or one that overtook its compose job.
      await this.queues.add(
        NOTIFICATIONS_QUEUE,
        COMPOSE_NOTIFICATION_JOB,
        composeNotificationJobId(notificationId),
        { notificationId },
      );
    }
    if (result.outcome === 'will-retry') {
      throw result.error; // temporary: BullMQ retries with backoff
    }
    return result.outcome;
  }

  private async sendLocked(
    manager: EntityManager,
    notificationId: string,
  ): Promise<{ outcome: SendOutcome | 'will-retry'; error?: unknown }> {
    const notification = await manager
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.id = :notificationId', { notificationId })
      .setLock('pessimistic_write')
      .setOnLocked('nowait')
      .getOne();
    if (!notification || notification.status === 'pending') {
      return { outcome: notification ? 'not-composed' : 'not-open' };
    }
    if (notification.status !== 'composed' || !notification.composedEmail) {
      return { outcome: 'not-open' };
    }
    const now = new Date();
    const attempt = {
      attempts: () => 'attempts + 1',
      firstAttemptAt: notification.firstAttemptAt ?? now,
    };
    try {
      await this.transport.send(notification.composedEmail);
    } catch (error) {
      const lastError = errorText(error);
      if (isPermanentDeliveryError(error)) {
        await manager.update(Notification, notification.id, {
          ...attempt,
          status: 'undeliverable',
          lastError,
          composedEmail: null,
        });
        await manager.upsert(
          UndeliverableAddress,
          {
            address: notification.recipient,
            responseCode: error.responseCode,
            reason: lastError,
            notificationId: notification.id,
          },
          ['address'],
        );
        this.logger.warn(`notification ${notification.id} undeliverable (${error.responseCode})`);
        return { outcome: 'undeliverable' };
      }
      if (retryWindowIsOver(attempt.firstAttemptAt, now, this.retry)) {
        await manager.update(Notification, notification.id, {
          ...attempt,
          status: 'failed',
          lastError,
          composedEmail: null,
        });
        this.logger.warn(`notification ${notification.id} given up after the retry window: ${lastError}`);
        return { outcome: 'gave-up' };
      }
      await manager.update(Notification, notification.id, { ...attempt, lastError });
      return { outcome: 'will-retry', error };
    }
    // From here to the commit is the one window in which a crash sends this email twice.
    await manager.update(Notification, notification.id, {
      ...attempt,
      status: 'sent',
      sentAt: now,
      composedEmail: null,
    });
    await manager.delete(UndeliverableAddress, { address: notification.recipient });
    if (notification.kind === 'volunteer-offer') {
      // The offer is "offered" once it has really left; before that it is only approved.
      await manager.update(
        Match,
        { id: notification.subjectId, status: 'approved' },
        { status: 'offered', offeredAt: now },
      );
    }
    return { outcome: 'sent' };
  }
}
