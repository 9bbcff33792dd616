import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityNotFoundError, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { retryWindowIsOver, smtpRetryPolicy, type RetryPolicy } from './delivery-retry';
import {
  EMAIL_TRANSPORT,
  EmailTransport,
  isPermanentDeliveryError,
  type OutgoingEmail,
} from './email-transport';
import { NotificationComposer } from './notification-composer.service';
import { Notification } from './notification.entity';
import { UndeliverableAddress } from './undeliverable-address.entity';

export type DeliveryOutcome = 'sent' | 'not-open' | 'undeliverable' | 'gave-up' | 'failed' | 'cancelled';

/** The job ran before the notification's earliest send time (quiet hours, digest, reminder date). */
export interface TooEarly {
  notBefore: Date;
}

/**
 * What the compose step produced and the row keeps between SMTP attempts: the email and, for a
 * volunteer's digest, the batched offers it carries (`covers`) or drops (`cancels`).
 */
export interface Composition extends OutgoingEmail {
  covers?: string[];
  cancels?: string[];
}

/** Another worker holds the row right now (it is sending it); this job tries again later. */
export class NotificationBusyError extends Error {
  constructor(notificationId: string) {
    super(`notification ${notificationId} is being sent by another worker`);
    this.name = new.target.name;
  }
}

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * What a successful send records, in one statement (this is the hot path): the row is sent and
 * holds no copy of the email any more, a bounce mark on the address is cleared, and an offer is
 * "offered" once it has really left (before that it is only approved).
 */
const RECORD_SENT_SQL = `
  WITH sent AS (
    UPDATE notification
       SET status = 'sent', sent_at = $2, attempts = attempts + 1,
           first_attempt_at = coalesce(first_attempt_at, $2), composed_email = NULL
     WHERE id = $1
     RETURNING recipient, kind, subject_id),
  cleared AS (
    DELETE FROM undeliverable_address WHERE address IN (SELECT recipient FROM sent))
  UPDATE match SET status = 'offered', offered_at = $2, updated_at = now()
   WHERE status = 'approved' AND id IN (SELECT subject_id FROM sent WHERE kind = 'volunteer-offer')`;

const NOTIFICATION_COLUMNS = `id, kind, subject_id AS "subjectId", recipient, locale, status, message_id AS "messageId",
  composed_email AS "composedEmail", composed_at AS "composedAt", attempts, first_attempt_at AS "firstAttemptAt",
  last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt", not_before AS "notBefore"`;

/**
 * A digest has left: the offers it carried are sent (and their matches offered), the ones it
 * dropped (withdrawn meanwhile) will never leave.
 */
async function settleDigest(
  manager: EntityManager,
  covers: string[],
  cancels: string[],
  now: Date,
): Promise<void> {
  if (covers.length > 0) {
    await manager.query(
      `WITH carried AS (
         UPDATE notification SET status = 'sent', sent_at = $2
          WHERE id = ANY($1::uuid[]) AND status = 'batched' RETURNING subject_id)
       UPDATE match SET status = 'offered', offered_at = $2, updated_at = now()
        WHERE status = 'approved' AND id IN (SELECT subject_id FROM carried)`,
      [covers, now],
    );
  }
  await cancelBatched(manager, cancels);
}

async function cancelBatched(manager: EntityManager, ids: string[]): Promise<void> {
  if (ids.length > 0) {
    await manager.query(
      `UPDATE notification SET status = 'cancelled' WHERE id = ANY($1::uuid[]) AND status = 'batched'`,
      [ids],
    );
  }
}

/** Plain SQL rather than the query builder: this runs twice for every email. */
async function readNotification(
  manager: EntityManager,
  id: string,
  lock: boolean,
): Promise<Notification | null> {
  const rows: Notification[] = await manager.query(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notification WHERE id = $1${lock ? ' FOR UPDATE NOWAIT' : ''}`,
    [id],
  );
  return rows.length > 0 ? Object.assign(new Notification(), rows[0]) : null;
}

/**
 * What BullMQ keeps in Redis and the worker logs of a temporary failure: codes and the id only. The
 * server's own text, which may name the address, stays in `notification.last_error`.
 */
function redacted(error: unknown, notificationId: string): Error {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  const reason =
    typeof responseCode === 'number' ? `SMTP ${responseCode}` : typeof code === 'string' ? code : 'error';
  return new Error(`notification ${notificationId} not delivered yet (${reason})`);
}

const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Delivers one notification in two steps. Compose reads the state and renders the email; send only
 * talks SMTP. When SMTP fails for now, the composed email is stored on the row with the attempt,
 * so every retry is the send step alone and never reads or redoes anything else. (On success there
 * is nothing to keep: the row becomes `sent` and holds no copy of the email.)
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
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.retry = smtpRetryPolicy(config);
  }

  async deliver(notificationId: string, now = new Date()): Promise<DeliveryOutcome | TooEarly> {
    const notification = await readNotification(this.dataSource.manager, notificationId, false);
    if (!notification || (notification.status !== 'pending' && notification.status !== 'composed')) {
      return 'not-open';
    }
    // Earliest send time (quiet hours, digest, reminder date): a job that runs early waits.
    if (notification.notBefore && new Date(notification.notBefore).getTime() > now.getTime()) {
      return { notBefore: new Date(notification.notBefore) };
    }
    // Composed outside the send transaction: it reads through other connections of the pool.
    const email = notification.composedEmail ?? (await this.compose(notification, now));
    if (email === 'cancelled' || email === null) {
      return email === null ? 'failed' : 'cancelled';
    }
    const result = await this.dataSource
      .transaction((manager) => this.send(manager, notificationId, email))
      .catch((error: unknown) => {
        if (
          error instanceof QueryFailedError &&
          (error.driverError as { code?: string }).code === LOCK_NOT_AVAILABLE
        ) {
          throw new NotificationBusyError(notificationId);
        }
        throw error;
      });
    if (result.outcome === 'will-retry') {
      throw redacted(result.error, notificationId); // temporary: BullMQ retries with backoff
    }
    return result.outcome;
  }

  /**
   * The compose step; null when what the email is about is gone (no retry can compose it),
   * 'cancelled' when it is no longer wanted (the match was called off, the volunteer paused offers).
   */
  private async compose(notification: Notification, now: Date): Promise<Composition | 'cancelled' | null> {
    try {
      const composed = await this.composer.compose(notification, now);
      if (composed.email === null) {
        await this.dataSource.transaction(async (manager) => {
          await manager.update(
            Notification,
            { id: notification.id, status: 'pending' },
            { status: 'cancelled' },
          );
          await cancelBatched(manager, composed.cancels);
        });
        return 'cancelled';
      }
      return { ...composed.email, covers: composed.covers, cancels: composed.cancels };
    } catch (error) {
      if (!(error instanceof EntityNotFoundError)) {
        throw error; // e.g. the database is restarting: retried
      }
      await this.dataSource
        .getRepository(Notification)
        .update(
          { id: notification.id, status: 'pending' },
          { status: 'failed', lastError: errorText(error) },
        );
      this.logger.warn(`notification ${notification.id} cannot be composed: its subject is gone`);
      return null;
    }
  }

  /** The send step, under the row lock; the caller's transaction commits what it records. */
  private async send(
    manager: EntityManager,
    notificationId: string,
    composed: Composition,
  ): Promise<{ outcome: DeliveryOutcome | 'will-retry'; error?: unknown }> {
    const notification = await readNotification(manager, notificationId, true);
    if (!notification || (notification.status !== 'pending' && notification.status !== 'composed')) {
      return { outcome: 'not-open' }; // another worker finished it meanwhile
    }
    const email = notification.composedEmail ?? composed;
    const now = new Date();
    const attempt = {
      attempts: () => 'attempts + 1',
      firstAttemptAt: notification.firstAttemptAt ?? now,
    };
    const { covers = [], cancels = [], ...outgoing } = email;
    try {
      await this.transport.send(outgoing);
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
        this.logger.warn(`notification ${notification.id} given up after the retry window`);
        return { outcome: 'gave-up' };
      }
      // Kept for the retries, which then only talk SMTP.
      await manager.update(Notification, notification.id, {
        ...attempt,
        lastError,
        status: 'composed',
        composedEmail: email,
        composedAt: notification.composedAt ?? now,
      });
      return { outcome: 'will-retry', error };
    }
    // From here to the commit is the one window in which a crash sends this email twice.
    await manager.query(RECORD_SENT_SQL, [notification.id, now]);
    await settleDigest(manager, covers, cancels, now);
    return { outcome: 'sent' };
  }
}
