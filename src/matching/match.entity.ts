import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { HelpRequest } from '../help-seekers/help-request.entity';
import type { MatchStatus } from './domain/match-status';
import type { OfferWithdrawalReason } from './domain/offer-withdrawal';
import type { DeclineReason, DropOutReason } from './domain/volunteer-answers';
import type { ScoreBreakdown } from './domain/types';
import { Volunteer } from '../volunteers/volunteer.entity';

// The lifecycle (statuses and allowed changes) lives in domain/match-status.ts.
export { MATCH_STATUSES, type MatchStatus } from './domain/match-status';

/** Match statuses that say something about the volunteer: they got at least as far as an approval. */
export const HISTORY_STATUSES_SQL = `'approved', 'offered', 'accepted', 'declined', 'expired'`;

export const FOLLOW_UP_OUTCOMES = ['went-well', 'problems', 'did-not-happen'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** How an accepted assignment went wrong on the volunteer's side, recorded by staff (reliability). */
export const ATTENDANCE_PROBLEMS = ['no-show', 'late-cancellation'] as const;
export type AttendanceProblem = (typeof ATTENDANCE_PROBLEMS)[number];

/**
 * SQL: a match that binds part of the volunteer's capacity: offered or about to be, or accepted
 * while its request is still going on. Expects the match as `m` and its request as `r`.
 */
export const OPEN_ASSIGNMENT_SQL = `(m.status IN ('approved', 'offered') OR (m.status = 'accepted' AND r.status = 'matched'))`;

/** A volunteer proposed for a request, with the score and the reasons behind it. */
@Entity('match')
@Unique(['requestId', 'volunteerId'])
@Index(['volunteerId', 'status'])
@Index('match_request_idx', ['requestId', 'status'])
// Answer history and recent offers per volunteer (fairness, responsiveness) read through this.
@Index('match_volunteer_offered_idx', ['volunteerId', 'offeredAt'])
// Candidate retrieval reads each candidate's history from these (see the migration).
// "Heute": recent declines and unanswered offers (AddConsoleNotesAndIndexes).
@Index('match_answered_idx', { synchronize: false })
// "Heute": recent drop-outs (AddVolunteerLifecycle).
@Index('match_dropped_out_idx', ['endedAt'], { where: `status = 'dropped-out'` })
@Index('match_volunteer_history_idx', ['volunteerId'], { where: `status IN (${HISTORY_STATUSES_SQL})` })
// "Heute": offers waiting for an answer, nearest deadline first (AddOffersWaitingIndex).
@Index('match_offered_deadline_idx', { synchronize: false })
// Reports: events counted by their own timestamp in a period (AddReportIndexes).
@Index('match_offered_at_idx', { synchronize: false })
@Index('match_accepted_responded_idx', { synchronize: false })
export class Match {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => HelpRequest, { onDelete: 'CASCADE' })
  @JoinColumn()
  request?: HelpRequest;

  @Column({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE' })
  @JoinColumn()
  volunteer?: Volunteer;

  /** 0–100. */
  @Column({ type: 'real' })
  score: number;

  /** Position among the request's proposals (1 = best). */
  @Column({ type: 'int' })
  rank: number;

  @Column({ type: 'real' })
  distanceKm: number;

  @Column({ type: 'jsonb' })
  breakdown: ScoreBreakdown;

  @Column({ type: 'text', default: 'proposed' })
  status: MatchStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedByStaffId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  offeredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  offerExpiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  /** The volunteer's answer to the follow-up email ("did it happen, how did it go?"). */
  @Column({ type: 'text', nullable: true })
  followUpOutcome: FollowUpOutcome | null;

  @Column({ type: 'timestamptz', nullable: true })
  followUpAt: Date | null;

  /** Why staff stepped over soft rules (overriddenRules) to propose this volunteer; null without an override. */
  @Column({ type: 'text', nullable: true })
  overrideReason: string | null;

  /** The soft rules (exclusion codes) overridden, in rule order; null without an override. */
  @Column({ type: 'text', array: true, nullable: true })
  overriddenRules: string[] | null;

  @Column({ type: 'uuid', nullable: true })
  overriddenByStaffId: string | null;

  /** Staff recorded the volunteer's yes on their behalf (placement agreed by phone). */
  @Column({ type: 'uuid', nullable: true })
  acceptedOnBehalfByStaffId: string | null;

  /** A no-show or late cancellation staff recorded on the accepted assignment; null when none. */
  @Column({ type: 'text', nullable: true })
  attendance: AttendanceProblem | null;

  @Column({ type: 'timestamptz', nullable: true })
  attendanceRecordedAt: Date | null;
  /** Why an open proposal or offer was withdrawn (OfferWithdrawalService), for the volunteer's email. */
  @Column({ type: 'text', nullable: true })
  withdrawalReason: OfferWithdrawalReason | null;
  /** Why an agreed assignment ended (status dropped-out): the volunteer's or staff's reason. */
  @Column({ type: 'text', nullable: true })
  endedReason: DropOutReason | null;

  @Column({ type: 'text', nullable: true })
  endedNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Called off less than 48 hours before the appointment (help_request.starts_at). */
  @Column({ type: 'boolean', default: false })
  endedLate: boolean;

  /** Staff who recorded the drop-out; null when the volunteer used their link. */
  @Column({ type: 'uuid', nullable: true })
  endedByStaffId: string | null;

  /** The volunteer's reason for declining an offer, if they gave one. */
  @Column({ type: 'text', nullable: true })
  declineReason: DeclineReason | null;

  @Column({ type: 'text', nullable: true })
  declineNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
