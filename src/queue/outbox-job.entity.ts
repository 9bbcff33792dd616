import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job written in the same transaction as the state change that needs it. The relay moves it to
 * BullMQ under its deterministic job id; a Redis outage delays work, it never loses it.
 */
@Entity('outbox_job')
@Index('outbox_job_pending_idx', ['createdAt'], { where: 'enqueued_at IS NULL' })
export class OutboxJob {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ type: 'text' })
  jobName: string;

  /** Deterministic, so enqueueing twice is a no-op in BullMQ. */
  @Column({ type: 'text', unique: true })
  jobId: string;

  /** The job's payload as its contract (job-contracts.ts) types it: ids only, never personal data. */
  @Column({ type: 'jsonb' })
  payload: object;

  /** Not to run before this instant (BullMQ `delay`); null = at once. */
  @Column({ type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  /** The request id (X-Request-Id) of the work that wrote it, handed on to the job for its logs. */
  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;
}
