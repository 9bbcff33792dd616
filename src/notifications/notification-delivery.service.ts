import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityNotFoundError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { APP_CONFIG, AppConfig } from '../config/config';
import { retryWindowIsOver, smtpRetryPolicy, type RetryPolicy } from '../queue/delivery-retry';
import {
  EMAIL_TRANSPORT,
  EmailTransport,
  isPermanentDeliveryError,
  type OutgoingEmail,
} from './email-transport';
import { ComposedNotification, EmailComposer } from './email-composer';
import { Notification } from './notification.entity';
import { UndeliverableAddress } from './undeliverable-address.entity';

export type DeliveryOutcome = 'sent' | 'not-open' | 'undeliverable' | 'gave-up' | 'failed' | 'cancelled';

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

/**
 * What successful sends record, in one statement for many (this is the hot path): each row is sent
 * and holds no copy of the email any more, a bounce mark on its address is cleared, and an offer is
 * "offered" once it has really left (before that it is only approved).
 */
const RECORD_SENT_SQL = `
  WITH attempt AS (
    SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS attempt(id, started_at)),
  sent AS (
    UPDATE notification AS n
       SET status = 'sent', sent_at = a.started_at, attempts = n.attempts + 1,
           first_attempt_at = coalesce(n.first_attempt_at, a.started_at), composed_email = NULL
      FROM attempt AS a
     WHERE n.id = a.id
     RETURNING n.recipient, n.kind, n.subject_id, a.started_at),
  cleared AS (
    DELETE FROM undeliverable_address WHERE address IN (SELECT recipient FROM sent))
  UPDATE match AS m SET status = 'offered', offered_at = s.started_at, updated_at = now()
    FROM sent AS s
   WHERE m.status = 'approved' AND m.id = s.subject_id AND s.kind = 'volunteer-offer'`;

/**
 * The send lock of each notification, for as long as this connection lives or until it unlocks:
 * a session-level advisory lock in a key space of its own (two-key form). Unlike a row lock it
 * outlives a transaction, so each send can be recorded (and committed) as soon as it is accepted,
 * while the other emails of its batch are still being sent. Returns the ids it locked.
 */
const SEND_LOCK_SPACE = 7_465_200;
const LOCK_FOR_SENDING_SQL = `
  SELECT id FROM unnest($1::uuid[]) AS claim(id)
   WHERE pg_try_advisory_lock(${SEND_LOCK_SPACE}, hashtext(id::text))`;

const NOTIFICATION_COLUMNS = `id, kind, subject_id AS "subjectId", recipient, locale, status, message_id AS "messageId",
  composed_email AS "composedEmail", composed_at AS "composedAt", attempts, first_attempt_at AS "firstAttemptAt",
  last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt", not_before AS "notBefore"`;

/** Runs one statement: on the batch's own connection, or in a TypeORM transaction. */
type Query = (sql: string, parameters: unknown[]) => Promise<unknown>;

/**
 * A digest has left: the offers it carried are sent (and their matches offered), the ones it
 * dropped (withdrawn meanwhile) will never leave.
 */
async function settleDigest(query: Query, covers: string[], cancels: string[], now: Date): Promise<void> {
  if (covers.length > 0) {
    await query(
      `WITH carried AS (
         UPDATE notification SET status = 'sent', sent_at = $2
          WHERE id = ANY($1::uuid[]) AND status = 'batched' RETURNING subject_id)
       UPDATE match SET status = 'offered', offered_at = $2, updated_at = now()
        WHERE status = 'approved' AND id IN (SELECT subject_id FROM carried)`,
      [covers, now],
    );
  }
  await cancelBatched(query, cancels);
}

async function cancelBatched(query: Query, ids: string[]): Promise<void> {
  if (ids.length > 0) {
    await query(
      `UPDATE notification SET status = 'cancelled' WHERE id = ANY($1::uuid[]) AND status = 'batched'`,
      [ids],
    );
  }
}

/** Plain SQL rather than the query builder: this runs for every batch. */
async function readNotifications(connection: PoolClient, ids: string[]): Promise<Map<string, Notification>> {
  const { rows } = await connection.query<Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notification WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, Object.assign(new Notification(), row)]));
}

const isOpen = (notification: Notification | undefined): notification is Notification =>
  notification?.status === 'pending' || notification?.status === 'composed';

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

const errorKind = (error: unknown): string => (error instanceof Error ? error.name : typeof error);

const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** One notification's result in a batch. */
export type DeliveryResult =
  | { outcome: DeliveryOutcome }
  /** The job ran before the notification's earliest send time (quiet hours, digest, reminder date). */
  | { notBefore: Date }
  /** Not delivered for now (SMTP 4xx, no connection, another worker holds it): BullMQ retries. */
  | { retry: Error };

/** A sent email's record waiting to be written with others; a digest settles what it carried. */
interface SentRecord {
  id: string;
  attemptStartedAt: Date;
  covers: string[];
  cancels: string[];
}

/** Sends accepted together are recorded together: up to this many per statement. */
const RECORD_BATCH_SIZE = 64;

/**
 * Records of one batch in flight at once: on the batch's own connection, and on idle pool
 * connections borrowed for one statement while it is busy.
 */
const RECORD_LANES = 3;

/** Writes sent records: one statement committed on its own, or a transaction when a digest settles. */
async function writeSentRecords(query: Query, records: SentRecord[]): Promise<void> {
  const sent = [records.map((record) => record.id), records.map((record) => record.attemptStartedAt)];
  const digests = records.filter((record) => record.covers.length > 0 || record.cancels.length > 0);
  if (digests.length === 0) {
    await query(RECORD_SENT_SQL, sent);
    return;
  }
  await query('BEGIN', []);
  try {
    await query(RECORD_SENT_SQL, sent);
    for (const digest of digests) {
      await settleDigest(query, digest.covers, digest.cancels, digest.attemptStartedAt);
    }
    await query('COMMIT', []);
  } catch (error) {
    await query('ROLLBACK', []).catch(() => undefined);
    throw error;
  }
}

interface WaitingRecord {
  record: SentRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Records a batch's accepted emails the moment they are accepted. First choice is the connection
 * the batch holds (the one holding their send locks): no pool wait, never behind another batch's
 * reads. While a record commits on it, the next one goes at once on an idle pool connection, if
 * there is one (never waiting for the pool); only when every lane is busy do acceptances wait, and
 * then they go together in the next free lane's statement. A digest's record is one transaction
 * with the offers it carried. The send locks stay on the batch's connection until every record of
 * the batch has committed, whichever connection wrote it.
 */
class SentRecorder {
  private readonly waiting: WaitingRecord[] = [];
  private ownBusy = false;
  private borrowed = 0;

  constructor(
    private readonly own: PoolClient,
    private readonly pool: Pool,
  ) {}

  record(record: SentRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ record, resolve, reject });
      this.startWrites();
    });
  }

  private startWrites(): void {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, RECORD_BATCH_SIZE);
      if (!this.ownBusy) {
        this.ownBusy = true;
        void this.write(group, (records) => writeSentRecords(queryOn(this.own), records)).finally(() => {
          this.ownBusy = false;
          this.startWrites();
        });
      } else if (this.borrowed < RECORD_LANES - 1 && this.pool.idleCount > 0) {
        this.borrowed += 1;
        void this.write(group, (records) => this.writeOnBorrowed(records)).finally(() => {
          this.borrowed -= 1;
          this.startWrites();
        });
      } else {
        this.waiting.unshift(...group); // every lane busy: the next free one takes them together
        return;
      }
    }
  }

  private async writeOnBorrowed(records: SentRecord[]): Promise<void> {
    const connection = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await writeSentRecords(queryOn(connection), records);
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      connection.release(broken ?? false); // a connection that failed a statement is not reused
    }
  }

  /** A failed group is written again one by one, so one bad record fails only its own send. */
  private async write(group: WaitingRecord[], run: (records: SentRecord[]) => Promise<void>): Promise<void> {
    try {
      await run(group.map((waiting) => waiting.record));
      group.forEach((waiting) => waiting.resolve());
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      for (const waiting of group) {
        await this.write([waiting], run);
      }
    }
  }
}

const queryOn =
  (connection: PoolClient): Query =>
  (sql, parameters) =>
    connection.query(sql, parameters);

/**
 * Delivers notifications in two steps, a batch at a time. Compose reads the state and renders the
 * email (the matches a batch is about are read once for all); send only talks SMTP. When SMTP fails
 * for now, the composed email is stored on the row with the attempt, so every retry is the send
 * step alone and never reads or redoes anything else. (On success there is nothing to keep: the row
 * becomes `sent` and holds no copy of the email.)
 *
 * At most once from our side: a notification's send lock (see LOCK_FOR_SENDING_SQL) is taken before
 * its row is read and held until its outcome is committed, so no second worker can send it
 * meanwhile, and a crashed worker's locks go with its connection. Each accepted email is recorded
 * at once, grouped only with others accepted at the same moment, never held back by a slower email
 * of its batch. The one duplicate left is a crash after the server's `250` and before that commit:
 * the email is then sent again, with the same Message-ID.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger(NotificationDelivery.name);
  private readonly retry: RetryPolicy;

  constructor(
    // DataSource, not repositories: Delivery locks and updates notification rows and marks offered matches in one statement per batch (cross-feature write).
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport,
    private readonly composer: EmailComposer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.retry = smtpRetryPolicy(config);
  }

  /**
   * Delivers a batch; one result per id, in order. The send locks are taken in one statement on a
   * connection held for the batch, and given back when every email of it has its outcome recorded.
   */
  async deliverMany(notificationIds: string[], now = new Date()): Promise<DeliveryResult[]> {
    const ids = [...new Set(notificationIds)];
    const results = await this.withSendLocks(ids, (locked, connection) =>
      this.deliverLocked(locked, connection, now),
    );
    return notificationIds.map(
      (id) => results.get(id) ?? { retry: new NotificationBusyError(id) }, // locked by another worker
    );
  }

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  private async withSendLocks<T>(
    ids: string[],
    work: (locked: string[], connection: PoolClient) => Promise<T>,
  ): Promise<T> {
    const connection = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const { rows } = await connection.query<{ id: string }>(LOCK_FOR_SENDING_SQL, [ids]);
      return await work(
        rows.map((row) => row.id),
        connection,
      );
    } finally {
      await connection.query('SELECT pg_advisory_unlock_all()').catch((error: Error) => {
        broken = error;
      });
      // A connection that could not unlock is closed: its locks go with it.
      connection.release(broken ?? false);
    }
  }

  private async deliverLocked(
    ids: string[],
    connection: PoolClient,
    now: Date,
  ): Promise<Map<string, DeliveryResult>> {
    const results = new Map<string, DeliveryResult>();
    if (ids.length === 0) {
      return results; // all held by other workers
    }
    const rows = await readNotifications(connection, ids);
    const toCompose: Notification[] = [];
    const ready: { notification: Notification; email: Composition }[] = [];
    for (const id of ids) {
      const notification = rows.get(id);
      if (!isOpen(notification)) {
        results.set(id, { outcome: 'not-open' }); // finished meanwhile, or cancelled
      } else if (notification.notBefore && new Date(notification.notBefore).getTime() > now.getTime()) {
        // Earliest send time (quiet hours, digest, reminder date): a job that runs early waits.
        results.set(id, { notBefore: new Date(notification.notBefore) });
      } else if (notification.composedEmail) {
        ready.push({ notification, email: notification.composedEmail }); // a retry: SMTP only
      } else {
        toCompose.push(notification);
      }
    }
    const composed = await this.composer.composeMany(toCompose, now);
    // From here on a failure is the email's own: the batch goes on, and its locks are held until
    // every send has its outcome.
    await Promise.all(
      toCompose.map(async (notification, index) => {
        const email = await this.settleComposition(notification, composed[index]).catch((error: unknown) => ({
          retry: redacted(error, notification.id),
        }));
        if ('outcome' in email || 'retry' in email) {
          results.set(notification.id, email);
        } else {
          ready.push({ notification, email });
        }
      }),
    );
    // Handed to SMTP one per event-loop turn: building each message is synchronous work, and the
    // `250`s of emails already on the wire (this batch's and the other one's) must not wait behind
    // a whole batch of it.
    const recorder = new SentRecorder(connection, this.pool);
    const sends: Promise<unknown>[] = [];
    for (const { notification, email } of ready) {
      await nextTurn();
      sends.push(
        this.send(notification, email, recorder).then(
          (result) => results.set(notification.id, result),
          (error: unknown) => results.set(notification.id, { retry: redacted(error, notification.id) }),
        ),
      );
    }
    await Promise.all(sends);
    return results;
  }

  /**
   * What composing one email came to: the email to send; 'cancelled' when it is no longer wanted
   * (the match was called off, the volunteer paused offers); 'failed' when what it is about is gone
   * (no retry can compose it); a retry for anything else (e.g. the database is restarting).
   */
  private async settleComposition(
    notification: Notification,
    composed: PromiseSettledResult<ComposedNotification>,
  ): Promise<Composition | { outcome: DeliveryOutcome } | { retry: Error }> {
    if (composed.status === 'rejected') {
      const error: unknown = composed.reason;
      if (!(error instanceof EntityNotFoundError)) {
        // E.g. the database is restarting. The message may quote data: the log gets its kind only.
        this.logger.warn(`notification ${notification.id} not composed for now (${errorKind(error)})`);
        return { retry: redacted(error, notification.id) };
      }
      await this.dataSource
        .getRepository(Notification)
        .update(
          { id: notification.id, status: 'pending' },
          { status: 'failed', lastError: errorText(error) },
        );
      this.logger.warn(`notification ${notification.id} cannot be composed: its subject is gone`);
      return { outcome: 'failed' };
    }
    const { email, covers, cancels } = composed.value;
    if (email === null) {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(
          Notification,
          { id: notification.id, status: 'pending' },
          { status: 'cancelled' },
        );
        await cancelBatched((sql, parameters) => manager.query(sql, parameters), cancels);
      });
      return { outcome: 'cancelled' };
    }
    return { ...email, covers, cancels };
  }

  /** The send step, under the send lock: SMTP, then the outcome recorded. */
  private async send(
    notification: Notification,
    email: Composition,
    recorder: SentRecorder,
  ): Promise<DeliveryResult> {
    const attemptStartedAt = new Date();
    const { covers = [], cancels = [], ...outgoing } = email;
    try {
      await this.transport.send(outgoing);
    } catch (error) {
      return this.recordFailure(notification, email, error, attemptStartedAt);
    }
    // From here to the commit of the record is the one window in which a crash sends this email
    // twice: the record goes out at once, on the batch's own connection.
    await recorder.record({ id: notification.id, attemptStartedAt, covers, cancels });
    return { outcome: 'sent' };
  }

  private async recordFailure(
    notification: Notification,
    email: Composition,
    error: unknown,
    now: Date,
  ): Promise<DeliveryResult> {
    const lastError = errorText(error);
    const attempt = {
      attempts: () => 'attempts + 1',
      firstAttemptAt: notification.firstAttemptAt ?? now,
    };
    if (isPermanentDeliveryError(error)) {
      await this.dataSource.transaction(async (manager) => {
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
      });
      this.logger.warn(`notification ${notification.id} undeliverable (${error.responseCode})`);
      return { outcome: 'undeliverable' };
    }
    if (retryWindowIsOver(attempt.firstAttemptAt, now, this.retry)) {
      await this.dataSource.getRepository(Notification).update(notification.id, {
        ...attempt,
        status: 'failed',
        lastError,
        composedEmail: null,
      });
      this.logger.warn(`notification ${notification.id} given up after the retry window`);
      return { outcome: 'gave-up' };
    }
    // Kept for the retries, which then only talk SMTP.
    await this.dataSource.getRepository(Notification).update(notification.id, {
      ...attempt,
      lastError,
      status: 'composed',
      composedEmail: email,
      composedAt: notification.composedAt ?? now,
    });
    return { retry: redacted(error, notification.id) }; // temporary: BullMQ retries with backoff
  }
}
