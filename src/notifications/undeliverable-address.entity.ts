import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An address a mail server refused for good (SMTP 5xx), for staff to correct. Informational: a
 * later email to it is still tried, and a successful delivery removes the mark.
 */
@Entity('undeliverable_address')
export class UndeliverableAddress {
  /** Lower-case, as in `notification.recipient`. */
  @PrimaryColumn({ type: 'text' })
  address: string;

  @Column({ type: 'int' })
  responseCode: number;

  @Column({ type: 'text' })
  reason: string;

  /** The notification that bounced. */
  @Column({ type: 'uuid' })
  notificationId: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  markedAt: Date;
}
