import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../queue/outbox.service';
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB, sendNotificationJobId } from '../queue/job-contracts';
import {
  earliestSendTime,
  nextDigestTime,
  parseQuietHours,
  type SendPreferences,
} from './domain/send-schedule';
import { offerDigestKey } from './domain/notification-keys';
import { Notification, NotificationKind } from './notification.entity';

export interface NotificationRequest {
  kind: NotificationKind;
  subjectId: string;
  recipient: string;
  /** A catalogue locale: public for volunteers and help-seekers, staff for staff emails. */
  locale: string;
  /** Earliest send time; null or absent = at once. */
  notBefore?: Date | null;
  /** Held for a digest: written, but no send job of its own. */
  batched?: boolean;
}

/** The same id everywhere a message is seen: our row, the SMTP server, the recipient's client. */
export const messageIdFor = (notificationId: string): string => `<notification-${notificationId}@nahbar>`;

/**
 * What the outbox needs to know about a volunteer recipient; the volunteers feature's entity fits
 * it, without notifications depending on that feature.
 */
export interface VolunteerRecipient {
  id: string;
  email: string;
  /** A public locale of the catalogue: the language of the volunteer's emails. */
  locale: string;
  /** "HH:MM-HH:MM" Europe/Berlin: no email in this window (delayed, not dropped); null = none. */
  quietHours: string | null;
  offerDelivery: 'immediate' | 'daily-digest';
}

export const sendPreferencesOf = (volunteer: Pick<VolunteerRecipient, 'quietHours'>): SendPreferences => ({
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

  /**
   * Erasure, in the caller's transaction: every email to the person, about their records
   * (`subjectIds`) or whose composed text names them (address or name) loses its content; those
   * not yet sent (pending, batched, or `composed` and waiting for an SMTP retry) are cancelled, so
   * nothing rendered with their data is sent later. Rows to them keep only the anonymous address.
   * Returns how many rows changed.
   */
  async forgetPerson(
    manager: EntityManager,
    person: { email: string; anonymousEmail: string; name: string; subjectIds: string[] },
  ): Promise<number> {
    // A name of one or two letters would match unrelated emails; the address and subjects still do.
    const name = person.name.trim().length >= 3 ? person.name.trim() : null;
    const [, changed] = await manager.query<[unknown, number]>(
      `UPDATE notification
          SET recipient = CASE WHEN recipient = $1 THEN $2 ELSE recipient END,
              last_error = CASE WHEN recipient = $1 THEN NULL ELSE last_error END,
              composed_email = NULL,
              status = CASE WHEN status IN ('pending', 'batched', 'composed') THEN 'cancelled' ELSE status END
        WHERE recipient = $1
           OR subject_id = ANY($3::uuid[])
           OR (composed_email IS NOT NULL
               AND (strpos(lower(composed_email::text), $1) > 0
                    OR ($4::text IS NOT NULL AND strpos(composed_email::text, $4::text) > 0)))`,
      [person.email.toLowerCase(), person.anonymousEmail, person.subjectIds, name],
    );
    return changed;
  }

  /** An email to a volunteer, outside their quiet hours (delayed, not dropped). */
  queueForVolunteer(
    manager: EntityManager,
    volunteer: VolunteerRecipient,
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
      locale: volunteer.locale,
      notBefore: sendsAt.getTime() > options.now.getTime() ? sendsAt : null,
    });
  }

  /**
   * An offer, the way the volunteer wants offers: at once (outside quiet hours) or batched into
   * their next daily digest, which is queued once per day however many offers it carries.
   */
  async queueOffer(
    manager: EntityManager,
    volunteer: VolunteerRecipient,
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
      locale: volunteer.locale,
      notBefore: sendsAt,
      batched: true,
    });
    const digest = await this.queue(manager, {
      kind: 'volunteer-offer-digest',
      subjectId: offerDigestKey(volunteer.id, sendsAt),
      recipient: volunteer.email,
      locale: volunteer.locale,
      notBefore: sendsAt,
    });
    return { jobIds: [digest], sendsAt };
  }
}
