import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

// 'volunteer-dropped-out': the agreed volunteer called it off; the help-seeker is told by phone.
export const CALL_TASK_REASONS = ['match-accepted', 'volunteer-dropped-out'] as const;
export type CallTaskReason = (typeof CALL_TASK_REASONS)[number];

export const CALL_TASK_STATUSES = ['open', 'done'] as const;
export type CallTaskStatus = (typeof CALL_TASK_STATUSES)[number];

/**
 * "Call the help-seeker": what an email would have told a help-seeker who has no email (or asked
 * for phone or post), staff tell by phone or letter. One task per event and match.
 */
@Entity('call_task')
@Unique('UQ_call_task_reason_match', ['reason', 'matchId'])
@Index('IDX_call_task_status_created', ['status', 'createdAt'])
export class CallTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  reason: CallTaskReason;

  @Column({ type: 'uuid' })
  matchId: string;

  @Column({ type: 'uuid' })
  helpRequestId: string;

  @Column({ type: 'uuid' })
  helpSeekerId: string;

  @Column({ type: 'text', default: 'open' })
  status: CallTaskStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  doneByStaffId: string | null;
}
