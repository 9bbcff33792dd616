import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Match } from '../matching/match.entity';
import { EMAIL_TRANSPORT, EmailTransport, isPermanentDeliveryError } from './email-transport';
import { NotificationComposer } from './notification-composer.service';
import { Notification } from './notification.entity';

export type SendOutcome = 'sent' | 'already-sent' | 'undeliverable' | 'cancelled';

/** The job ran before the notification's earliest send time; it should wait until `notBefore`. */
export interface TooEarly {
  notBefore: Date;
}

@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport,
    private readonly composer: NotificationComposer,
  ) {}

  /**
   * Sends one notification at most once from our side: a row already sent is skipped. Temporary
   * SMTP failures are rethrown for BullMQ to retry with backoff; a 5xx marks the row failed.
   */
  async send(notificationId: string, now = new Date()): Promise<SendOutcome | TooEarly> {
    const notification = await this.dataSource.getRepository(Notification).findOneBy({ id: notificationId });
    if (!notification || notification.status !== 'pending') {
      return 'already-sent';
    }
    // [msgs] Earliest send time (quiet hours, digest, reminder date): a job that runs early waits.
    if (notification.notBefore && notification.notBefore.getTime() > now.getTime()) {
      return { notBefore: notification.notBefore };
    }
    const composed = await this.composer.compose(notification, now);
    // [msgs] No longer wanted when its time came (match called off, volunteer paused offers).
    if (composed.email === null) {
      await this.settle(notification, 'cancelled', [], composed.cancels);
      return 'cancelled';
    }
    try {
      await this.transport.send(composed.email);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = isPermanentDeliveryError(error);
      await this.dataSource.getRepository(Notification).update(notification.id, {
        attempts: () => 'attempts + 1',
        lastError: message.slice(0, 500),
        ...(permanent ? { status: 'failed' as const } : {}),
      });
      if (permanent) {
        // [msgs] The server's text can name the address (a help-seeker's, too): log ids and the code only.
        this.logger.warn(
          `notification ${notification.id} (${notification.kind}) undeliverable: SMTP ${error.responseCode}`,
        );
        return 'undeliverable';
      }
      throw error;
    }
    await this.settle(notification, 'sent', composed.covers, composed.cancels);
    return 'sent';
  }

  /** Marks the row (and, for a digest, the offers it carried or dropped) in one transaction. */
  private async settle(
    notification: Notification,
    status: 'sent' | 'cancelled',
    covers: string[],
    cancels: string[],
  ): Promise<void> {
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Notification, notification.id, {
        status,
        ...(status === 'sent' ? { sentAt: now, attempts: () => 'attempts + 1' } : {}),
      });
      // [msgs] The offers inside a digest left with it; withdrawn ones will never leave.
      if (covers.length > 0) {
        await manager.update(
          Notification,
          { id: In(covers), status: 'batched' },
          { status: 'sent', sentAt: now },
        );
      }
      if (cancels.length > 0) {
        await manager.update(Notification, { id: In(cancels), status: 'batched' }, { status: 'cancelled' });
      }
      if (status !== 'sent') {
        return;
      }
      const offered = [
        ...(notification.kind === 'volunteer-offer' ? [notification.subjectId] : []),
        ...(covers.length > 0
          ? (await manager.findBy(Notification, { id: In(covers) })).map((row) => row.subjectId)
          : []),
      ];
      if (offered.length > 0) {
        // The offer is "offered" once it has really left; before that it is only approved.
        await manager.update(
          Match,
          { id: In(offered), status: 'approved' },
          { status: 'offered', offeredAt: now },
        );
      }
    });
  }
}
