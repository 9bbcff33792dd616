import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Volunteer } from '../volunteers/volunteer.entity';

export type HourEntryStatus = 'submitted' | 'approved' | 'rejected';
export type HourEntrySource = 'volunteer' | 'staff' | 'import';

/**
 * Time a volunteer gave, on one day, to an assignment (match) or a placement, or to the agency in
 * general when neither is set. Entries by volunteers wait for staff (`submitted`); staff approve,
 * correct (the first value stays in `originalMinutes`) or reject them. Only approved hours count.
 */
@Entity('hour_entry')
export class HourEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_hour_entry' })
  id: string;

  @Column({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'FK_hour_entry_volunteer' })
  volunteer?: Volunteer;

  @Column({ type: 'uuid', nullable: true })
  matchId: string | null;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  /** Berlin date the time was given. */
  @Column({ type: 'date' })
  workedOn: string;

  @Column({ type: 'int' })
  minutes: number;

  /** What was done, in a few words. */
  @Column({ type: 'text', nullable: true })
  activity: string | null;

  @Column({ type: 'text', default: 'submitted' })
  status: HourEntryStatus;

  @Column({ type: 'text' })
  enteredBy: HourEntrySource;

  @Column({ type: 'uuid', nullable: true })
  enteredByStaffId: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedByStaffId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  /** What the volunteer entered, when staff corrected it. */
  @Column({ type: 'int', nullable: true })
  originalMinutes: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
