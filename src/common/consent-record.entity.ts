import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The privacy text a consent refers to; bump when the text changes. */
export const PRIVACY_TEXT_VERSION = '2026-11';

export const CONSENT_MODES = ['online', 'oral', 'imported'] as const;
export type ConsentMode = (typeof CONSENT_MODES)[number];

export const CONSENT_PURPOSES = ['data-processing', 'health-data', 'volunteer-pool'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * Proof of consent per person and purpose (GDPR Art. 6/9): online, or oral and recorded by a staff
 * member. Withdrawal is a timestamp, never a deletion, so the history stays provable.
 */
@Entity('consent_record')
@Index(['subjectType', 'subjectId'])
export class ConsentRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  subjectType: 'volunteer' | 'help-seeker';

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'text' })
  purpose: ConsentPurpose;

  @Column({ type: 'text' })
  mode: ConsentMode;

  /** The privacy text version the person agreed to. */
  @Column({ type: 'text' })
  textVersion: string;

  @Column({ type: 'uuid', nullable: true })
  recordedByStaffId: string | null;

  @Column({ type: 'timestamptz' })
  givenAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
