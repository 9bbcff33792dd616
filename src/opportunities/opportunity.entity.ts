import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Provider } from '../providers/provider.entity';
import type { HostOffer, OpportunityStatus, OpportunitySubmitter } from './domain/opportunity-status';
import type { OpportunityTimePattern } from './domain/time-pattern';
import { Project } from './project.entity';

/**
 * A host organisation's standing opportunity (Engagementangebot, the Datenbank's "Aufgabe"): what
 * volunteers do there, where and when, what they need to bring and what the host offers them.
 */
@Entity('opportunity')
export class Opportunity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_opportunity' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @ManyToOne(() => Provider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'FK_opportunity_provider' })
  provider?: Provider;

  @Column({ type: 'uuid', nullable: true })
  projectId: string | null;

  @ManyToOne(() => Project, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_opportunity_project' })
  project?: Project | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** What the volunteer does there, in the host's words. */
  @Column({ type: 'text', nullable: true })
  tasks: string | null;

  /** Keys of the field-of-activity taxonomy (Tätigkeitsfelder), e.g. "SEN". */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fieldsOfActivity: string[];

  /** Done from home (online, phone): no place, no distance. */
  @Column({ type: 'boolean', default: false })
  remote: boolean;

  @Column({ type: 'varchar', length: 5, nullable: true })
  postalCode: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ type: 'text', nullable: true })
  district: string | null;

  @Column({ type: 'text', nullable: true })
  streetAddress: string | null;

  /** The place as an earthdistance point (null when remote), computed by PostgreSQL. */
  @Column({
    type: 'cube',
    nullable: true,
    generatedType: 'STORED',
    asExpression: 'll_to_earth(latitude, longitude)',
    select: false,
    insert: false,
    update: false,
  })
  location?: string | null;

  @Column({ type: 'jsonb' })
  timePattern: OpportunityTimePattern;

  /** Half-hours of the week the time pattern touches (empty for flexible hours), computed by PostgreSQL. */
  @Column({
    type: 'bit',
    length: 336,
    generatedType: 'STORED',
    asExpression: 'nahbar_schedule_mask(time_pattern)',
    select: false,
    insert: false,
    update: false,
  })
  timeMask?: string;

  /** Expected commitment in months, or null when there is none (an event). */
  @Column({ type: 'int', nullable: true })
  minCommitmentMonths: number | null;

  /** How many volunteers the host is looking for; "filled" when that many have started. */
  @Column({ type: 'int', default: 1 })
  places: number;

  @Column({ type: 'boolean', default: false })
  requiresCertificate: boolean;

  @Column({ type: 'int', nullable: true })
  minimumAge: number | null;

  /** ISO 639 codes the volunteer must speak (any one of them), empty = no requirement. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  /** Keys of the skill taxonomy the volunteer should bring. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  /** Suits people new to volunteering. */
  @Column({ type: 'boolean', default: false })
  forNewcomers: boolean;

  /** Suits people with little German. */
  @Column({ type: 'boolean', default: false })
  littleGermanOk: boolean;

  /** Accessible for volunteers with disabilities. */
  @Column({ type: 'boolean', default: false })
  accessible: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  hostOffers: HostOffer[];

  /** The person at the host volunteers talk to; falls back to the provider's contact. */
  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: OpportunityStatus;

  /** The host must confirm the offer is current by this date (YYYY-MM-DD), or it is paused. */
  @Column({ type: 'date', nullable: true })
  reviewBy: string | null;

  @Column({ type: 'text', default: 'staff' })
  submittedBy: OpportunitySubmitter;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Why it is paused: "review-overdue" (by the job), "host" or "staff". */
  @Column({ type: 'text', nullable: true })
  pausedReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
