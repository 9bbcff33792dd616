import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Opportunity } from '../opportunities/opportunity.entity';
import { AdvisoryInterview } from '../volunteers/advisory-interview.entity';
import { Volunteer } from '../volunteers/volunteer.entity';
import type {
  DecliningSide,
  PlacementEndReason,
  PlacementSource,
  PlacementStage,
} from './domain/placement-stage';

/** A volunteer on the way to (or in) a host's opportunity: the agency's placement (Vermittlung). */
@Entity('placement')
export class Placement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_placement' })
  id: string;

  @Column({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'FK_placement_volunteer' })
  volunteer?: Volunteer;

  @Column({ type: 'uuid' })
  opportunityId: string;

  @ManyToOne(() => Opportunity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'FK_placement_opportunity' })
  opportunity?: Opportunity;

  @Column({ type: 'text', default: 'interested' })
  stage: PlacementStage;

  /** When it reached its stage: the board's and Heute's waiting time. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  stageChangedAt: Date;

  @Column({ type: 'text' })
  source: PlacementSource;

  /** The advisory interview (Beratungsgespräch) it came out of, if any. */
  @Column({ type: 'uuid', nullable: true })
  advisoryInterviewId: string | null;

  @ManyToOne(() => AdvisoryInterview, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'advisory_interview_id', foreignKeyConstraintName: 'FK_placement_advisory_interview' })
  advisoryInterview?: AdvisoryInterview | null;

  @Column({ type: 'text', nullable: true })
  declinedBy: DecliningSide | null;

  @Column({ type: 'text', nullable: true })
  endReason: PlacementEndReason | null;

  @Column({ type: 'text', nullable: true })
  endNote: string | null;

  /** First proposed to the host (the "placement proposal" figure counts this). */
  @Column({ type: 'timestamptz', nullable: true })
  proposedAt: Date | null;

  /** Berlin date it started (the "placement" figure counts this). */
  @Column({ type: 'date', nullable: true })
  startedOn: string | null;

  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  /** When both sides are asked how it is going (set on start from the agency's follow-up weeks). */
  @Column({ type: 'timestamptz', nullable: true })
  followUpDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  followUpSentAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdByStaffId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
