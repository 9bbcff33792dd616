import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Match } from '../matching/match.entity';
import { EMAIL_TRANSPORT, EmailTransport, isPermanentDeliveryError } from './email-transport';
import { NotificationComposer } from './notification-composer.service';
import { Notification } from './notification.entity';

export type SendOutcome = 'sent' | 'already-sent' | 'undeliverable';

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
  async send(notificationId: string): Promise<SendOutcome> {
    const notification = await this.dataSource.getRepository(Notification).findOneBy({ id: notificationId });
    if (!notification || notification.status !== 'pending') {
      return 'already-sent';
    }
    const email = await this.composer.compose(notification);
    try {
      await this.transport.send(email);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = isPermanentDeliveryError(error);
      await this.dataSource.getRepository(Notification).update(notification.id, {
        attempts: () => 'attempts + 1',
        lastError: message.slice(0, 500),
        ...(permanent ? { status: 'failed' as const } : {}),
      });
      if (permanent) {
        this.logger.warn(`notification ${notification.id} undeliverable: ${message}`);
        return 'undeliverable';
      }
      throw error;
    }
    await this.markSent(notification);
    return 'sent';
  }

  private async markSent(notification: Notification): Promise<void> {
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Notification, notification.id, {
        status: 'sent',
        sentAt: now,
        attempts: () => 'attempts + 1',
      });
      if (notification.kind === 'volunteer-offer') {
        // The offer is "offered" once it has really left; before that it is only approved.
        await manager.update(
          Match,
          { id: notification.subjectId, status: 'approved' },
          { status: 'offered', offeredAt: now },
        );
      }
    });
  }
}
