import { firstStartOf } from '../shared/schedule-start';
import {
  BeforeInsert,
  BeforeUpdate,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Located } from '../common/located';
import type { ExclusionReason } from '../matching/domain/types';
import type { RequestSchedule } from '../shared/schedule';
import { Provider } from '../providers/provider.entity';
import { HelpSeeker } from './help-seeker.entity';
import type { HelpRequestStatus } from './domain/request-status';
import type { CloseReason } from './domain/close-outcome';

// The lifecycle (statuses and allowed changes) lives in domain/request-status.ts.
export { HELP_REQUEST_STATUSES, type HelpRequestStatus } from './domain/request-status';

export const REQUEST_OUTCOMES = ['went-well', 'problems'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

export const URGENCIES = ['low', 'normal', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];

// 'call-back': completed by staff after a public "please call me back" (see CallBackRequest).
export const REQUEST_SOURCES = ['public-form', 'phone-intake', 'provider', 'call-back'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** What the last matching run found, so staff can see what to relax when nobody was eligible. */
export interface MatchingSummary {
  at: string;
  eligible: number;
  proposed: number;
  exclusionCounts: Record<ExclusionReason, number>;
}

/** A concrete need, raised by a help-seeker or by a provider for one of its opportunities. */
@Entity('help_request')
@Index(['status', 'createdAt'])
// "Heute": requests waiting since their last status change (AddConsoleNotesAndIndexes).
@Index('help_request_status_changed_idx', { synchronize: false })
// The requests list: one index per filter, and the trigram index for its text search (AddRequestListIndexes).
@Index('help_request_created_idx', { synchronize: false })
@Index('help_request_district_created_idx', { synchronize: false })
@Index('help_request_category_created_idx', { synchronize: false })
@Index('help_request_urgency_created_idx', { synchronize: false })
@Index('help_request_source_created_idx', { synchronize: false })
@Index('help_request_language_created_idx', { synchronize: false })
@Index('help_request_urgency_rank_idx', { synchronize: false })
@Index('help_request_waiting_idx', { synchronize: false })
@Index('help_request_description_trgm', { synchronize: false })
// Week view: weekly requests that may still occur (AddWeekViewIndexes).
@Index('help_request_weekly_running_idx', { synchronize: false })
// Duplicates merged into a request (AddRequestCloseOutcome; partial, with a foreign key).
@Index('help_request_merged_into_idx', { synchronize: false })
// Reports: events counted by their own timestamp in a period (AddReportIndexes).
@Index('help_request_matched_at_idx', { synchronize: false })
export class HelpRequest extends Located {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('help_request_help_seeker_idx')
  @Column({ type: 'uuid', nullable: true })
  helpSeekerId: string | null;

  @ManyToOne(() => HelpSeeker, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn()
  helpSeeker?: HelpSeeker | null;

  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  @ManyToOne(() => Provider, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn()
  provider?: Provider | null;

  @Column({ type: 'text' })
  source: RequestSource;

  /** Key of the request-category taxonomy, e.g. "shopping". */
  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  description: string;

  /**
   * What volunteers read before they accept (offer email, offer and self-service pages), approved by
   * staff. Null: a neutral text from the category. The help-seeker's own description (which may
   * hold health details) never reaches a volunteer unasked.
   */
  @Column({ type: 'text', nullable: true })
  volunteerSummary: string | null;

  /** Where the help takes place; shown to a volunteer only after they accepted. */
  @Column({ type: 'text', nullable: true })
  streetAddress: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  neededSkills: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  niceToHaveSkills: string[];

  @Column({ type: 'text', nullable: true })
  neededLanguage: string | null;

  /** Work with children or people with disabilities needs an inspected eFZ. */
  @Column({ type: 'boolean', default: false })
  requiresCertificate: boolean;

  @Column({ type: 'jsonb' })
  schedule: RequestSchedule;

  /**
   * The first moment the help is needed (firstStartOf the schedule), kept in step with the schedule
   * on every save, so lists, deadlines and Heute sort and filter on an index. Code that writes the
   * schedule with a query builder must set it too.
   */
  @Index('help_request_starts_at_idx')
  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'text', default: 'normal' })
  urgency: Urgency;

  @Column({ type: 'text', default: 'open' })
  status: HelpRequestStatus;

  /** Bumped when matching must run again, so each run has its own deterministic job id. */
  @Column({ type: 'int', default: 0 })
  matchingRound: number;

  @Column({ type: 'jsonb', nullable: true })
  matchingSummary: MatchingSummary | null;

  @Column({ type: 'uuid', nullable: true })
  createdByStaffId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusChangedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  matchedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /**
   * When the request escalated to staff: no time was left to ask (another) volunteer before the
   * appointment (offer lead time). Heute lists `escalated_at IS NOT NULL` until it is matched or closed.
   */
  @Index('help_request_escalated_idx', { synchronize: false })
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  /** Why it escalated, e.g. 'no-time-to-ask' (ESCALATION_REASONS). */
  @Column({ type: 'text', nullable: true })
  escalationReason: string | null;

  /** How it went, recorded when the request is closed; 'went-well' counts as continuity later. */
  @Column({ type: 'text', nullable: true })
  outcome: RequestOutcome | null;

  /**
   * Why it was closed (domain/close-outcome.ts): for unfulfilled e.g. nobody-fits or came-too-late,
   * for rejected spam or duplicate; null for done and cancelled. Reports count by it.
   */
  @Column({ type: 'text', nullable: true })
  closeReason: CloseReason | null;

  /** The staff's words when closing (how it went, why it was cancelled …). */
  @Column({ type: 'text', nullable: true })
  closeNote: string | null;

  /** A duplicate (rejected, reason duplicate) points to the request it was merged into. */
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @BeforeInsert()
  @BeforeUpdate()
  protected keepStartsAtInStep(): void {
    if (this.schedule !== undefined) {
      this.startsAt = firstStartOf(this.schedule, this.createdAt ?? new Date());
    }
  }
}
