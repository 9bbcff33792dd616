import { emailLocaleOf } from './templates/layout';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../queue/outbox.service';
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB, sendNotificationJobId } from '../queue/job-contracts';
import type { Volunteer } from '../volunteers/volunteer.entity';
import {
  earliestSendTime,
  nextDigestTime,
  parseQuietHours,
  type SendPreferences,
} from './domain/send-schedule';
import { offerDigestKey } from './notification-keys';
import { Notification, NotificationKind } from './notification.entity';

export interface NotificationRequest {
  kind: NotificationKind;
  subjectId: string;
  recipient: string;
  locale: 'de' | 'en';
  /** Earliest send time; null or absent = at once. */
  notBefore?: Date | null;
  /** Held for a digest: written, but no send job of its own. */
  batched?: boolean;
}

/** The same id everywhere a message is seen: our row, the SMTP server, the recipient's client. */
export const messageIdFor = (notificationId: string): string => `<notification-${notificationId}@nahbar>`;

export const sendPreferencesOf = (volunteer: Pick<Volunteer, 'quietHours'>): SendPreferences => ({
  quietHours: parseQuietHours(volunteer.quietHours),
});

/** What queueing an offer decided: the jobs to relay after commit and when the offer will arrive. */
export interface QueuedOffer {
  jobIds: (string | null)[];
  sendsAt: Date;
}

/**
 * Writes the email to send in the caller's transaction; the unique (kind, subject, recipient) key
 * turns a second request for the same email into a no-op.
 */
@Injectable()
export class NotificationOutbox {
  constructor(private readonly outbox: OutboxService) {}

  /** Returns the outbox job id to relay after commit, or null when this email was already queued (or is batched). */
  async queue(manager: EntityManager, request: NotificationRequest): Promise<string | null> {
    const id = randomUUID();
    const { batched, notBefore, ...fields } = request;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({
        id,
        ...fields,
        recipient: request.recipient.toLowerCase(),
        messageId: messageIdFor(id),
        notBefore: notBefore ?? null,
        status: batched ? 'batched' : 'pending',
      })
      .orIgnore()
      .returning('id')
      .execute();
    if ((inserted.raw as unknown[]).length === 0 || batched) {
      return null;
    }
    const jobId = sendNotificationJobId(id);
    await this.outbox.add(manager, {
      queue: NOTIFICATIONS_QUEUE,
      jobName: SEND_NOTIFICATION_JOB,
      jobId,
      payload: { notificationId: id },
      notBefore: notBefore ?? null,
    });
    return jobId;
  }

  /** An email to a volunteer, outside their quiet hours (delayed, not dropped). */
  queueForVolunteer(
    manager: EntityManager,
    volunteer: Volunteer,
    kind: NotificationKind,
    subjectId: string,
    options: { now: Date; notBefore?: Date },
  ): Promise<string | null> {
    const wanted = options.notBefore ?? options.now;
    const sendsAt = earliestSendTime(wanted, sendPreferencesOf(volunteer));
    return this.queue(manager, {
      kind,
      subjectId,
      recipient: volunteer.email,
      locale: emailLocaleOf(volunteer.locale),
      notBefore: sendsAt.getTime() > options.now.getTime() ? sendsAt : null,
    });
  }

  /**
   * An offer, the way the volunteer wants offers: at once (outside quiet hours) or batched into
   * their next daily digest, which is queued once per day however many offers it carries.
   */
  async queueOffer(
    manager: EntityManager,
    volunteer: Volunteer,
    matchId: string,
    now: Date,
  ): Promise<QueuedOffer> {
    const prefs = sendPreferencesOf(volunteer);
    if (volunteer.offerDelivery !== 'daily-digest') {
      const sendsAt = earliestSendTime(now, prefs);
      const jobId = await this.queueForVolunteer(manager, volunteer, 'volunteer-offer', matchId, { now });
      return { jobIds: [jobId], sendsAt };
    }
    const sendsAt = nextDigestTime(now, prefs);
    await this.queue(manager, {
      kind: 'volunteer-offer',
      subjectId: matchId,
      recipient: volunteer.email,
      locale: emailLocaleOf(volunteer.locale),
      notBefore: sendsAt,
      batched: true,
    });
    const digest = await this.queue(manager, {
      kind: 'volunteer-offer-digest',
      subjectId: offerDigestKey(volunteer.id, sendsAt),
      recipient: volunteer.email,
      locale: emailLocaleOf(volunteer.locale),
      notBefore: sendsAt,
    });
    return { jobIds: [digest], sendsAt };
  }
}
