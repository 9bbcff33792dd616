import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const NOTIFICATION_KINDS = [
  'volunteer-offer',
  'volunteer-confirmation',
  'staff-offer-accepted',
  'staff-offer-declined',
  'staff-offer-expired',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * One email that must go out. The unique key means one state change can never produce the same
 * email twice; the row is written in the same transaction as the change it announces.
 */
@Entity('notification')
@Unique(['kind', 'subjectId', 'recipient'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  /** The record the email is about (a match for every kind so far). */
  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text', default: 'de' })
  locale: 'de' | 'en';

  @Column({ type: 'text', default: 'pending' })
  status: NotificationStatus;

  /** Deterministic, derived from the id, so a resend is recognisable as the same message. */
  @Column({ type: 'text' })
  messageId: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
