import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../queue/outbox.service';
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB, sendNotificationJobId } from '../queue/queues';
import { Notification, NotificationKind } from './notification.entity';

export interface NotificationRequest {
  kind: NotificationKind;
  subjectId: string;
  recipient: string;
  locale: 'de' | 'en';
}

/** The same id everywhere a message is seen: our row, the SMTP server, the recipient's client. */
export const messageIdFor = (notificationId: string): string => `<notification-${notificationId}@nahbar>`;

/**
 * Writes the email to send in the caller's transaction; the unique (kind, subject, recipient) key
 * turns a second request for the same email into a no-op.
 */
@Injectable()
export class NotificationOutbox {
  constructor(private readonly outbox: OutboxService) {}

  /** Returns the outbox job id to relay after commit, or null when this email was already queued. */
  async queue(manager: EntityManager, request: NotificationRequest): Promise<string | null> {
    const id = randomUUID();
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({ id, ...request, recipient: request.recipient.toLowerCase(), messageId: messageIdFor(id) })
      .orIgnore()
      .returning('id')
      .execute();
    if ((inserted.raw as unknown[]).length === 0) {
      return null;
    }
    const jobId = sendNotificationJobId(id);
    await this.outbox.add(manager, {
      queue: NOTIFICATIONS_QUEUE,
      jobName: SEND_NOTIFICATION_JOB,
      jobId,
      payload: { notificationId: id },
    });
    return jobId;
  }
}
