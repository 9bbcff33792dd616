import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RetentionCounts } from './domain/retention-periods';

/** One run of the retention job per Berlin day: what it did, as counts only. */
@Entity('retention_run')
export class RetentionRun {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  finishedAt: Date;

  @Column({ type: 'jsonb' })
  counts: RetentionCounts;
}
