import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { ApiFreeForm } from '../../common/api-docs';
import { IsCalendarDate } from '../../common/dto/field-validators';
import {
  MAX_REQUEST_PAGE,
  REQUEST_SORTS,
  REQUEST_SOURCE_FILTERS,
  REQUEST_STATUS_FILTERS,
  REQUEST_URGENCY_FILTERS,
} from '../domain/request-search';
import { HELP_REQUEST_STATUSES, REQUEST_SOURCES, URGENCIES } from '../help-request.entity';
import { ExclusionSummaryItemDto } from './help-request.response';
import { ScheduleDto } from './schedule.dto';

/**
 * The requests list's filters (staff API; the console page reads the same fields). Categories and
 * districts are checked against the taxonomy and the known districts: an unknown one is a 400.
 */
export class RequestSearchQueryDto {
  @ApiPropertyOptional({
    enum: REQUEST_STATUS_FILTERS,
    default: 'all',
    description: '`open-work`: every status but done, cancelled and unfulfilled',
  })
  @IsOptional()
  @IsIn(REQUEST_STATUS_FILTERS)
  status?: string;

  @ApiPropertyOptional({ example: 'Ottensen', description: 'Stadtteil, as derived from the postal code' })
  @IsOptional()
  @MaxLength(120)
  district?: string;

  @ApiPropertyOptional({ example: 'shopping', description: 'key of the request-category taxonomy' })
  @IsOptional()
  @MaxLength(80)
  category?: string;

  @ApiPropertyOptional({ enum: REQUEST_URGENCY_FILTERS })
  @IsOptional()
  @IsIn(REQUEST_URGENCY_FILTERS)
  urgency?: string;

  @ApiPropertyOptional({
    enum: REQUEST_SOURCE_FILTERS,
    description: 'online form, phone intake, provider, or a public call-back request',
  })
  @IsOptional()
  @IsIn(REQUEST_SOURCE_FILTERS)
  source?: string;

  @ApiPropertyOptional({ example: 'tr', description: 'needed language (ISO 639 code)' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{2,3}$/)
  language?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'created on or after this day (Europe/Berlin)' })
  @IsOptional()
  @IsCalendarDate()
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'created on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  createdTo?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'appointment (first date needed) on or after' })
  @IsOptional()
  @IsCalendarDate()
  startsFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'appointment on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  startsTo?: string;

  @ApiPropertyOptional({ description: 'text in the description or the help-seeker’s name' })
  @IsOptional()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({
    enum: REQUEST_SORTS,
    default: 'oldest',
    description:
      'created: newest first; oldest: oldest first; appointment: soonest first; urgency: high first; waiting: longest since the last status change first',
  })
  @IsOptional()
  @IsIn(REQUEST_SORTS)
  sort?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_REQUEST_PAGE,
    default: 0,
    description: 'page number (from 0)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_REQUEST_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** A request in the list: no contact data of the help-seeker. */
export class RequestListItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'shopping' })
  category: string;

  @ApiProperty({ type: String, nullable: true, example: 'Ottensen' })
  district: string | null;

  @ApiProperty({ example: '22765' })
  postalCode: string;

  @ApiProperty({ type: ScheduleDto })
  schedule: ScheduleDto;

  @ApiProperty({ type: Date, nullable: true, description: 'the first moment help is needed' })
  startsAt: Date | null;

  @ApiProperty({ enum: URGENCIES })
  urgency: string;

  @ApiProperty({ enum: HELP_REQUEST_STATUSES })
  status: string;

  @ApiProperty({ enum: REQUEST_SOURCES })
  source: string;

  @ApiProperty({ description: 'a public request that only asked to be called back' })
  callBack: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'tr' })
  neededLanguage: string | null;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date })
  statusChangedAt: Date;

  @ApiProperty({ type: Date, nullable: true, description: 'offered: until when the volunteer may answer' })
  offerExpiresAt: Date | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  helpSeekerId: string | null;

  @ApiFreeForm(
    'what the last matching run found: eligible, proposed and the counts per exclusion reason',
    true,
  )
  matchingSummary: Record<string, unknown> | null;

  @ApiProperty({ type: [ExclusionSummaryItemDto] })
  exclusionSummary: ExclusionSummaryItemDto[];
}

export class HelpSeekerSearchQueryDto {
  @ApiPropertyOptional({
    example: 'Petersen',
    description: 'name or email (part of it), a phone number (digits are compared), or a postal code',
  })
  @IsOptional()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_REQUEST_PAGE, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_REQUEST_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class HelpSeekerListItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Greta Petersen' })
  name: string;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ example: '22765' })
  postalCode: string;

  @ApiProperty({ example: 'phone' })
  preferredContact: string;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ description: 'how many requests the person has made' })
  requests: number;
}

export class HelpSeekerListDto {
  @ApiProperty({ type: [HelpSeekerListItemDto] })
  items: HelpSeekerListItemDto[];

  @ApiProperty({ description: 'the page shown (from 0)' })
  page: number;

  @ApiProperty({ description: 'whether a next page exists' })
  hasNext: boolean;
}

export class HelpSeekerConsentDto {
  @ApiProperty({ example: 'data-processing' })
  purpose: string;

  @ApiProperty({ example: 'oral' })
  mode: string;

  @ApiProperty({ type: Date })
  givenAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  withdrawnAt: Date | null;

  @ApiProperty({ type: String, nullable: true, description: 'the staff member who recorded it' })
  recordedBy: string | null;
}

export class HelpSeekerRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'shopping' })
  category: string;

  @ApiProperty({ enum: HELP_REQUEST_STATUSES })
  status: string;

  @ApiProperty({ type: String, nullable: true, example: 'went-well' })
  outcome: string | null;

  @ApiProperty({ enum: REQUEST_SOURCES })
  source: string;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  startsAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  closedAt: Date | null;
}

export class HelpSeekerProfileDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['frau', 'herr', 'none'] })
  salutation: string;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true })
  streetAddress: string | null;

  @ApiProperty()
  postalCode: string;

  @ApiProperty({ example: 'phone' })
  preferredContact: string;

  @ApiProperty({ example: 'de' })
  preferredLanguage: string;

  @ApiProperty({ type: [String], description: 'only with a recorded consent to health data' })
  accessibilityNeeds: string[];

  @ApiProperty()
  healthDataConsent: boolean;

  @ApiProperty({ type: String, nullable: true })
  contactPersonName: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactPersonRelationship: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactPersonPhone: string | null;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: [HelpSeekerConsentDto] })
  consents: HelpSeekerConsentDto[];

  @ApiProperty({ type: [HelpSeekerRequestDto], description: 'newest first' })
  requests: HelpSeekerRequestDto[];
}
