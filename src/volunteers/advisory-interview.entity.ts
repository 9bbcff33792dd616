import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Volunteer } from './volunteer.entity';

/**
 * An advisory interview (Beratungsgespräch) with a volunteer: what they want, how much time they
 * have, how they get about, what interests them, what was agreed. Kept general: placements refer
 * to it later (issue 13); reports count them by `held_on`.
 */
@Entity('advisory_interview')
@Index('advisory_interview_volunteer_idx', ['volunteerId', 'heldOn'])
@Index('advisory_interview_held_on_idx', ['heldOn'])
export class AdvisoryInterview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_advisory_interview' })
  id: string;

  @Column({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'FK_advisory_interview_volunteer' })
  volunteer?: Volunteer;

  @Column({ type: 'date' })
  heldOn: string;

  /** The staff member who led the interview. */
  @Column({ type: 'uuid', nullable: true })
  adviserStaffId: string | null;

  @Column({ type: 'text', nullable: true })
  motivation: string | null;

  /** In the volunteer's words, e.g. "2 Nachmittage pro Woche". */
  @Column({ type: 'text', nullable: true })
  timeBudget: string | null;

  /** How they get about (car, bike, public transport, walking distance only …). */
  @Column({ type: 'text', nullable: true })
  mobility: string | null;

  /** Keys of the field-of-activity taxonomy. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  interests: string[];

  @Column({ type: 'text', nullable: true })
  nextSteps: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByStaffId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
