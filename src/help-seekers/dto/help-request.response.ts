import { CLOSE_REASONS, type CloseReason } from '../domain/close-outcome';
import { ApiProperty } from '@nestjs/swagger';
import { ApiFreeForm } from '../../common/api-docs';
import { PRIORITY_GROUPS } from '../../shared/statistics-fields';
import {
  HELP_REQUEST_STATUSES,
  REQUEST_OUTCOMES,
  REQUEST_SOURCES,
  URGENCIES,
  type HelpRequestStatus,
  type RequestOutcome,
  type RequestSource,
  type Urgency,
} from '../help-request.entity';
import { ScheduleDto } from './schedule.dto';

/** The answer to a new request: its id and where it stands. */
export class CreatedHelpRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: HELP_REQUEST_STATUSES,
    example: 'in-review',
    description: '`in-review` while the agency reviews public requests first, else `matching`',
  })
  status: HelpRequestStatus;
}

/** "2 × does not speak the needed language": what to relax when nobody fits. */
export class ExclusionSummaryItemDto {
  @ApiProperty({ example: 'language' })
  reason: string;

  @ApiProperty({ example: 2 })
  count: number;

  @ApiFreeForm('the reason in words, by locale (`de`, `en`)')
  label: Record<string, string>;

  @ApiFreeForm('count and reason in words, by locale (`de`, `en`)')
  text: Record<string, string>;
}

/** Fields of a request every view of it has. */
export class HelpRequestSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'shopping', description: 'key of the request-category taxonomy' })
  category: string;

  @ApiProperty({ type: String, nullable: true, example: 'Ottensen' })
  district: string | null;

  @ApiProperty({ example: '22765' })
  postalCode: string;

  @ApiProperty({ type: ScheduleDto })
  schedule: ScheduleDto;

  @ApiProperty({ enum: URGENCIES })
  urgency: Urgency;

  @ApiProperty({ enum: HELP_REQUEST_STATUSES })
  status: HelpRequestStatus;

  @ApiProperty({ enum: REQUEST_SOURCES })
  source: RequestSource;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date })
  statusChangedAt: Date;

  @ApiFreeForm(
    'what the last matching run found: eligible, proposed and the counts per exclusion reason',
    true,
  )
  matchingSummary: Record<string, unknown> | null;

  @ApiProperty({ type: [ExclusionSummaryItemDto] })
  exclusionSummary: ExclusionSummaryItemDto[];
}

/** A request as stored (no help-seeker contact data: that is in the detail view). */
export class HelpRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  helpSeekerId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  providerId: string | null;

  @ApiProperty({ enum: REQUEST_SOURCES })
  source: RequestSource;

  @ApiProperty({ example: 'shopping' })
  category: string;

  @ApiProperty({ example: 'Einkauf im Supermarkt, einmal pro Woche' })
  description: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'the staff-approved short text volunteers read before they accept; null: a neutral text from the category',
  })
  volunteerSummary: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'shown to a volunteer only after they accepted' })
  streetAddress: string | null;

  @ApiProperty({ type: [String] })
  neededSkills: string[];

  @ApiProperty({ type: [String] })
  niceToHaveSkills: string[];

  @ApiProperty({ type: String, nullable: true, example: 'tr' })
  neededLanguage: string | null;

  @ApiProperty({ description: 'work with children or people with disabilities needs an inspected eFZ' })
  requiresCertificate: boolean;

  @ApiProperty({ type: ScheduleDto })
  schedule: ScheduleDto;

  @ApiProperty({ enum: URGENCIES })
  urgency: Urgency;

  @ApiProperty({ enum: HELP_REQUEST_STATUSES })
  status: HelpRequestStatus;

  @ApiProperty({ description: 'bumped each time matching runs again' })
  matchingRound: number;

  @ApiFreeForm('what the last matching run found', true)
  matchingSummary: Record<string, unknown> | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdByStaffId: string | null;

  @ApiProperty({ example: '22765' })
  postalCode: string;

  @ApiProperty({ example: 53.55 })
  latitude: number;

  @ApiProperty({ example: 9.93 })
  longitude: number;

  @ApiProperty({ type: String, nullable: true })
  district: string | null;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date })
  updatedAt: Date;

  @ApiProperty({ type: Date })
  statusChangedAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  matchedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  closedAt: Date | null;

  @ApiProperty({ enum: REQUEST_OUTCOMES, nullable: true })
  outcome: RequestOutcome | null;

  @ApiProperty({
    enum: CLOSE_REASONS,
    nullable: true,
    description:
      'why it was closed: unfulfilled (nobody-fits, came-too-late …) or rejected (spam, duplicate)',
  })
  closeReason: CloseReason | null;

  @ApiProperty({ type: String, nullable: true, description: 'the staff’s note when closing' })
  closeNote: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'a duplicate: the request it was merged into',
  })
  mergedIntoId: string | null;
}

/** Everything the agency holds about one help-seeker (GDPR Art. 15). */
export class HelpSeekerExportDto {
  @ApiProperty({ format: 'date-time' })
  exportedAt: string;

  @ApiFreeForm('the person: name, contact, language, consents given')
  person: Record<string, unknown>;

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  requests: Record<string, unknown>[];

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  consents: Record<string, unknown>[];

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  notes: Record<string, unknown>[];

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  callTasks: Record<string, unknown>[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'volunteers appear by first name only',
  })
  matches: Record<string, unknown>[];
}

export class ErasureOutcomeDto {
  @ApiProperty({ enum: [true] })
  erased: true;

  @ApiProperty({ description: 'open requests of the person that were cancelled' })
  requestsClosed: number;
}

export class ConsentWithdrawalDto {
  @ApiProperty({ description: 'consent records withdrawn (0 when none was in force)' })
  withdrawn: number;

  @ApiProperty({ description: 'whether the person was erased (withdrawing the data-processing consent)' })
  erased: boolean;
}

/** The answer to a staff edit of a request: the request as stored now and what followed for matching. */
export class EditedHelpRequestDto {
  @ApiProperty({ type: HelpRequestDto })
  request: HelpRequestDto;

  @ApiProperty({ type: [String], example: ['neededLanguage'], description: 'the fields whose value changed' })
  changed: string[];

  @ApiProperty({
    description: 'a new matching round was queued: proposals not yet offered are matched again',
  })
  rematched: boolean;

  @ApiProperty({ description: 'proposals dropped because their volunteer no longer fits' })
  proposalsDropped: number;

  @ApiProperty({ description: 'offers already sent that no longer fit and were withdrawn' })
  offersWithdrawn: number;
}

/** A help-seeker as staff see and edit them (health details only where consented). */
export class HelpSeekerRecordDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Erika Muster' })
  name: string;

  @ApiProperty({ enum: ['frau', 'herr', 'none'] })
  salutation: string;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true })
  streetAddress: string | null;

  @ApiProperty({ example: '22765' })
  postalCode: string;

  @ApiProperty({ enum: ['phone', 'email', 'post'] })
  preferredContact: string;

  @ApiProperty({ example: 'de' })
  preferredLanguage: string;

  @ApiProperty({ type: [String], description: 'health-related; stored only with a recorded consent' })
  accessibilityNeeds: string[];

  @ApiProperty({
    enum: PRIORITY_GROUPS,
    isArray: true,
    description: 'for the statistics only; [] = not given; staff only, never volunteers or hosts',
  })
  priorityGroups: string[];

  @ApiProperty({ type: String, nullable: true })
  contactPersonName: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['relative', 'neighbour', 'care-service', 'legal-guardian', 'other'],
  })
  contactPersonRelationship: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactPersonPhone: string | null;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date })
  updatedAt: Date;
}
