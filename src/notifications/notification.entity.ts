import type { OutgoingEmail } from './email-transport';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { NOTIFICATION_KINDS, type NotificationKind } from './domain/notification-kinds';

export { NOTIFICATION_KINDS, type NotificationKind };

/**
 * `pending` → `sent`; `composed` while a composed email waits for its next SMTP attempt; for good,
 * `undeliverable` (the server answered 5xx) or `failed` (temporary errors for longer than the retry
 * window, or what it was about is gone).
 * `batched`: an offer held for the volunteer's daily digest (sent as part of it, never alone).
 * `cancelled`: no longer wanted when its time came (e.g. a reminder for a match that was called off).
 */
export const NOTIFICATION_STATUSES = [
  'pending',
  'composed',
  'batched',
  'sent',
  'undeliverable',
  'failed',
  'cancelled',
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
/** Still on its way: the sweeper makes sure each of these has a live BullMQ job. */
export const OPEN_NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['pending', 'composed'];

/**
 * One email that must go out. The unique key means one state change can never produce the same
 * email twice; the row is written in the same transaction as the change it announces.
 */
@Entity('notification')
@Unique(['kind', 'subjectId', 'recipient'])
// Partial index on batched offers (per recipient), written by hand in the migration.
@Index('notification_batched_idx', { synchronize: false })
@Index('notification_status_idx', ['status', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  /**
   * The record the email is about: a match, a volunteer (email confirmation), or a key derived
   * from the recipient and the day (digests), see notification-keys.ts.
   */
  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'text' })
  recipient: string;

  /** The language the email is written in: a locale of the catalogue (unknown ones get German). */
  @Column({ type: 'text', default: 'de' })
  locale: string;

  @Column({ type: 'text', default: 'pending' })
  status: NotificationStatus;

  /** Deterministic, derived from the id, so a resend is recognisable as the same message. */
  @Column({ type: 'text' })
  messageId: string;

  /**
   * The rendered email, stored when an SMTP attempt failed for now, so the retries only talk SMTP.
   * Cleared once the row is final: it may hold a help-seeker's contact details.
   */
  @Column({ type: 'jsonb', nullable: true })
  composedEmail: (OutgoingEmail & { covers?: string[]; cancels?: string[] }) | null;

  @Column({ type: 'timestamptz', nullable: true })
  composedAt: Date | null;

  /** SMTP attempts so far. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Start of the retry window: temporary failures are retried until it has passed. */
  @Column({ type: 'timestamptz', nullable: true })
  firstAttemptAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Earliest send time (quiet hours, daily digest, reminder dates); null = at once. */
  @Column({ type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
