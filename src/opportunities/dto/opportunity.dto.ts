import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { OPPORTUNITY_ACTIONS, type OpportunityAction } from '../domain/opportunity-input';
import { HOST_OFFERS, OPPORTUNITY_STATUSES } from '../domain/opportunity-status';
import type { Opportunity } from '../opportunity.entity';
import type { Project } from '../project.entity';
import type { OpportunityListRow } from '../opportunities.service';

/*
 * The opportunity's fields are checked by one pure function (domain/opportunity-input.ts), for the
 * API, the console form and the host page alike; the DTO only documents them and lets them through.
 */

const TIME_PATTERN_DOC = {
  type: 'object',
  additionalProperties: true,
  description:
    'One of `{kind:"weekly", slots:[{weekday:1-7, start:"15:00", end:"17:00"}]}`, `{kind:"flexible", hoursPerWeek?, hoursPerMonth?}` (at least one) or `{kind:"one-off", date:"2027-06-12", start:"14:00", end:"18:00"}` (not in the past). Europe/Berlin wall-clock time.',
  example: { kind: 'weekly', slots: [{ weekday: 2, start: '15:00', end: '17:00' }] },
} as const;

export class OpportunityFieldsDto {
  @ApiPropertyOptional({ minLength: 3, maxLength: 120, example: 'Hausaufgabenhilfe am Dienstag' })
  @Allow()
  title?: unknown;

  @ApiPropertyOptional({ minLength: 10, maxLength: 4000 })
  @Allow()
  description?: unknown;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true })
  @Allow()
  tasks?: unknown;

  @ApiPropertyOptional({
    type: [String],
    description: 'keys of the field-of-activity taxonomy, at least one',
    example: ['BIL'],
  })
  @Allow()
  fieldsOfActivity?: unknown;

  @ApiPropertyOptional({ description: 'done from home: no postal code needed, place dropped' })
  @Allow()
  remote?: unknown;

  @ApiPropertyOptional({
    example: '22765',
    description: 'required unless remote; must be a known postal code',
  })
  @Allow()
  postalCode?: unknown;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @Allow()
  streetAddress?: unknown;

  @ApiPropertyOptional(TIME_PATTERN_DOC)
  @Allow()
  timePattern?: unknown;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, nullable: true })
  @Allow()
  minCommitmentMonths?: unknown;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @Allow()
  places?: unknown;

  @ApiPropertyOptional()
  @Allow()
  requiresCertificate?: unknown;

  @ApiPropertyOptional({ minimum: 14, maximum: 99, nullable: true })
  @Allow()
  minimumAge?: unknown;

  @ApiPropertyOptional({
    type: [String],
    example: ['de', 'tr'],
    description: 'ISO 639 codes; any one of them',
  })
  @Allow()
  languages?: unknown;

  @ApiPropertyOptional({ type: [String], description: 'keys of the skill taxonomy' })
  @Allow()
  skills?: unknown;

  @ApiPropertyOptional()
  @Allow()
  forNewcomers?: unknown;

  @ApiPropertyOptional()
  @Allow()
  littleGermanOk?: unknown;

  @ApiPropertyOptional()
  @Allow()
  accessible?: unknown;

  @ApiPropertyOptional({ type: [String], enum: HOST_OFFERS })
  @Allow()
  hostOffers?: unknown;

  @ApiPropertyOptional({ maxLength: 120, nullable: true })
  @Allow()
  contactName?: unknown;

  @ApiPropertyOptional({ maxLength: 254, nullable: true })
  @Allow()
  contactEmail?: unknown;

  @ApiPropertyOptional({ maxLength: 40, nullable: true })
  @Allow()
  contactPhone?: unknown;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'a project of the same provider' })
  @Allow()
  projectId?: unknown;
}

export class CreateOpportunityDto extends OpportunityFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a provider id' })
  providerId: string;

  @ApiPropertyOptional({ description: 'publish straight away (default: a draft)' })
  @Allow()
  publish?: unknown;
}

export class OpportunityActionDto {
  @ApiProperty({ enum: OPPORTUNITY_ACTIONS })
  @IsIn(OPPORTUNITY_ACTIONS, { message: `must be one of ${OPPORTUNITY_ACTIONS.join(', ')}` })
  action: OpportunityAction;

  @ApiPropertyOptional({ maxLength: 1000, description: 'why (pause), what to change (reject: required)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class WeeklySlotDto {
  @ApiProperty({ minimum: 1, maximum: 7 })
  weekday: number;

  @ApiProperty({ example: '15:00' })
  start: string;

  @ApiProperty({ example: '17:00' })
  end: string;
}

export class OpportunityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) projectId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) tasks: string | null;
  @ApiProperty({ type: [String] }) fieldsOfActivity: string[];
  @ApiProperty() remote: boolean;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ nullable: true, type: String }) district: string | null;
  @ApiProperty({ nullable: true, type: String }) streetAddress: string | null;
  @ApiProperty(TIME_PATTERN_DOC) timePattern: object;
  @ApiProperty({ nullable: true, type: Number }) minCommitmentMonths: number | null;
  @ApiProperty() places: number;
  @ApiProperty() requiresCertificate: boolean;
  @ApiProperty({ nullable: true, type: Number }) minimumAge: number | null;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty() forNewcomers: boolean;
  @ApiProperty() littleGermanOk: boolean;
  @ApiProperty() accessible: boolean;
  @ApiProperty({ type: [String], enum: HOST_OFFERS }) hostOffers: string[];
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone: string | null;
  @ApiProperty({ enum: OPPORTUNITY_STATUSES }) status: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2027-03-04',
    description: 'the host confirms by then',
  })
  reviewBy: string | null;
  @ApiProperty({ enum: ['staff', 'host'] }) submittedBy: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'staff, host or review-overdue' }) pausedReason:
    string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export function toOpportunityDto(row: Opportunity): OpportunityDto {
  const { provider: _provider, project: _project, location: _location, timeMask: _timeMask, ...rest } = row;
  return rest;
}

export class OpportunityListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: OPPORTUNITY_STATUSES }) status: string;
  @ApiProperty({ type: [String] }) fieldsOfActivity: string[];
  @ApiProperty() remote: boolean;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ nullable: true, type: String }) district: string | null;
  @ApiProperty(TIME_PATTERN_DOC) timePattern: object;
  @ApiProperty() places: number;
  @ApiProperty({ description: 'places minus placements that have started' }) openPlaces: number;
  @ApiProperty({ nullable: true, type: String }) reviewBy: string | null;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty() providerName: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class OpportunityPageDto {
  @ApiProperty({ type: [OpportunityListItemDto] }) items: OpportunityListItemDto[];
  @ApiProperty({ description: 'whether a next page exists' }) hasNext: boolean;
  @ApiProperty({ description: 'the page shown, from 0; 50 per page' }) page: number;
}

export const toListItem = (row: OpportunityListRow): OpportunityListItemDto => row;

export class ProjectInputDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 120, example: 'Seniorentreff Ottensen' })
  @Allow()
  title?: unknown;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @Allow()
  description?: unknown;
}

export class CreateProjectDto extends ProjectInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a provider id' })
  providerId: string;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export function toProjectDto(row: Project): ProjectDto {
  const { provider: _provider, ...rest } = row;
  return rest;
}
