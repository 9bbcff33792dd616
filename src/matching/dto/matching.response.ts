import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiFreeForm, ApiFreeFormOptional } from '../../common/api-docs';
import { CALL_TASK_REASONS, CALL_TASK_STATUSES } from '../../help-seekers/call-task.entity';
import { ExclusionSummaryItemDto, HelpRequestDto } from '../../help-seekers/dto/help-request.response';
import {
  DECLINE_REASONS,
  DROP_OUT_REASONS,
  type DeclineReason,
  type DropOutReason,
} from '../domain/volunteer-answers';
import {
  ATTENDANCE_PROBLEMS,
  FOLLOW_UP_OUTCOMES,
  MATCH_STATUSES,
  type AttendanceProblem,
  type FollowUpOutcome,
  type MatchStatus,
} from '../match.entity';

/** A volunteer proposed for a request: score, rank and the reasons, and what became of it. */
export class MatchDto {
  @ApiProperty({ format: 'uuid', description: 'the proposal; approve or reject it by this id' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  requestId: string;

  @ApiProperty({ format: 'uuid' })
  volunteerId: string;

  @ApiProperty({ minimum: 0, maximum: 100, example: 87.5 })
  score: number;

  @ApiProperty({ minimum: 1, description: 'position among the request’s proposals (1 = best)' })
  rank: number;

  @ApiProperty({ example: 1.2 })
  distanceKm: number;

  @ApiFreeForm(
    'per criterion (distance, availability, skills, language, continuity, fairness, responsiveness): its score, weight and an explanation by locale',
  )
  breakdown: Record<string, unknown>;

  @ApiProperty({ enum: MATCH_STATUSES, example: 'proposed' })
  status: MatchStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  decidedByStaffId: string | null;

  @ApiProperty({ type: Date, nullable: true })
  decidedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  offeredAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  offerExpiresAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  respondedAt: Date | null;

  @ApiProperty({ enum: FOLLOW_UP_OUTCOMES, nullable: true })
  followUpOutcome: FollowUpOutcome | null;

  @ApiProperty({ type: Date, nullable: true })
  followUpAt: Date | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why staff overrode soft rules for this volunteer',
  })
  overrideReason: string | null;

  @ApiProperty({
    type: [String],
    nullable: true,
    example: ['outside-radius'],
    description: 'the soft rules overridden',
  })
  overriddenRules: string[] | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  overriddenByStaffId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'staff who recorded the yes agreed by phone',
  })
  acceptedOnBehalfByStaffId: string | null;

  @ApiProperty({
    enum: ATTENDANCE_PROBLEMS,
    nullable: true,
    description: 'no-show or late cancellation recorded by staff',
  })
  attendance: AttendanceProblem | null;

  @ApiProperty({ type: Date, nullable: true })
  attendanceRecordedAt: Date | null;

  @ApiProperty({
    enum: DROP_OUT_REASONS,
    nullable: true,
    description: 'why an agreed assignment ended (dropped-out)',
  })
  endedReason: DropOutReason | null;

  @ApiProperty({ type: String, nullable: true })
  endedNote: string | null;

  @ApiProperty({ type: Date, nullable: true })
  endedAt: Date | null;

  @ApiProperty({ description: 'called off less than 48 hours before the appointment' })
  endedLate: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  endedByStaffId: string | null;

  @ApiProperty({
    enum: DECLINE_REASONS,
    nullable: true,
    description: 'why the volunteer declined, if they said',
  })
  declineReason: DeclineReason | null;

  @ApiProperty({ type: String, nullable: true })
  declineNote: string | null;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date })
  updatedAt: Date;
}

export class ProposedVolunteerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Aylin' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'Ottensen' })
  district: string | null;
}

export class ProposalDto extends MatchDto {
  @ApiProperty({ type: ProposedVolunteerDto, nullable: true })
  volunteer: ProposedVolunteerDto | null;
}

export class RequestProviderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  contactPerson: string;
}

/** One request with its help-seeker and its proposals, best first. */
export class HelpRequestDetailDto extends HelpRequestDto {
  @ApiProperty({ type: [ExclusionSummaryItemDto] })
  exclusionSummary: ExclusionSummaryItemDto[];

  @ApiFreeForm('the help-seeker with contact data (null once erased or for a provider’s request)', true)
  helpSeeker: Record<string, unknown> | null;

  @ApiProperty({ type: RequestProviderDto, nullable: true })
  provider: RequestProviderDto | null;

  @ApiProperty({ type: [ProposalDto], description: 'ranked proposals and their fate, best first' })
  matches: ProposalDto[];
}

/** Why a volunteer was (not) proposed: the excluding rule, or the score they would get. */
export class VolunteerExplanationDto {
  @ApiProperty()
  eligible: boolean;

  @ApiFreeFormOptional('when eligible: the score and its breakdown, as in a proposal')
  candidate?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'language', description: 'when not eligible: the excluding rule' })
  reason?: string;

  @ApiFreeFormOptional('when not eligible: the rule in words, by locale')
  explanation?: Record<string, string>;
}

export class VolunteerBlockDto {
  @ApiProperty({ format: 'uuid' })
  helpSeekerId: string;

  @ApiProperty({ format: 'uuid' })
  volunteerId: string;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdByStaffId: string | null;

  @ApiProperty({ type: Date })
  createdAt: Date;
}

export class MatchingStartedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['matching'] })
  status: 'matching';
}

export class OptimisationQueuedDto {
  @ApiProperty({ enum: [true] })
  queued: true;

  @ApiProperty({ description: 'the job; its result is read from GET …/matching/optimise/last' })
  jobId: string;
}

export class OptimisedVersusGreedyDto {
  @ApiProperty()
  optimised: number;

  @ApiProperty()
  greedy: number;
}

export class AssignmentComparisonDto {
  @ApiProperty({ type: OptimisedVersusGreedyDto, description: 'share of requests covered, 0..1' })
  coverage: OptimisedVersusGreedyDto;

  @ApiProperty({ type: OptimisedVersusGreedyDto })
  totalScore: OptimisedVersusGreedyDto;

  @ApiProperty({ type: OptimisedVersusGreedyDto, description: 'open offers of the busiest volunteer' })
  busiestLoad: OptimisedVersusGreedyDto;
}

export class AssignmentRunSummaryDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the scheduled run' })
  requestedByStaffId: string | null;

  @ApiProperty()
  requests: number;

  @ApiProperty()
  volunteers: number;

  @ApiProperty({ description: 'requests whose first proposal changed' })
  topPicksChanged: number;

  @ApiProperty({ type: AssignmentComparisonDto })
  comparison: AssignmentComparisonDto;

  @ApiPropertyOptional({ enum: ['another run is in progress'] })
  skipped?: 'another run is in progress';
}

export class CallTaskHelpSeekerDto {
  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ example: 'phone' })
  preferredContact: string;

  @ApiProperty({ example: 'de' })
  preferredLanguage: string;
}

/** "Call the help-seeker and tell them who will help." */
export class CallTaskDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: CALL_TASK_REASONS })
  reason: string;

  @ApiProperty({ enum: CALL_TASK_STATUSES })
  status: string;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  doneAt: Date | null;

  @ApiProperty({ format: 'uuid' })
  helpRequestId: string;

  @ApiProperty()
  category: string;

  @ApiProperty()
  district: string;

  @ApiProperty({ example: 'Di., 24.11.2026, 09:00–11:00' })
  whenText: string;

  @ApiProperty()
  volunteerName: string;

  @ApiProperty({ type: CallTaskHelpSeekerDto })
  helpSeeker: CallTaskHelpSeekerDto;
}
