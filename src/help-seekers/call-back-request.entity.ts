import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { HelpRequest } from './help-request.entity';
import { HelpSeeker } from './help-seeker.entity';

export const CALL_BACK_STATUSES = ['waiting', 'completed'] as const;
export type CallBackStatus = (typeof CALL_BACK_STATUSES)[number];

/**
 * "Please call me back" from the public pages. What and when are only known after the call, so it
 * holds no category and no schedule: it waits here until staff complete it into a real request.
 */
@Entity('call_back_request')
@Index('IDX_call_back_request_status_created', ['status', 'createdAt'])
export class CallBackRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_call_back_request' })
  id: string;

  @Index('IDX_call_back_request_help_seeker')
  @Column({ type: 'uuid' })
  helpSeekerId: string;

  @ManyToOne(() => HelpSeeker, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_call_back_request_help_seeker' })
  helpSeeker?: HelpSeeker;

  @Column({ type: 'varchar', length: 5 })
  postalCode: string;

  /** What the person wrote ("Anliegen"), if anything. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', default: 'waiting' })
  status: CallBackStatus;

  /** Calls that did not reach the person. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastCalledAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  lastCalledByStaffId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedByStaffId: string | null;

  /** The request it became. */
  @Column({ type: 'uuid', nullable: true })
  helpRequestId: string | null;

  @ManyToOne(() => HelpRequest, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_call_back_request_help_request' })
  helpRequest?: HelpRequest | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
