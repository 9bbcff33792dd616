import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  PLACEMENT_ACTORS,
  PLACEMENT_END_REASONS,
  PLACEMENT_STAGES,
  type PlacementEndReason,
  type PlacementStage,
} from '../domain/placement-stage';

const NOTE_MAX = 2000;
const ENTRY_STAGES = ['interested', 'advised', 'proposed'] as const;

export class ListPlacementsQuery {
  @ApiPropertyOptional({ enum: PLACEMENT_STAGES, description: 'one stage; default: all open stages' })
  @IsOptional()
  @IsIn(PLACEMENT_STAGES)
  stage?: PlacementStage;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  opportunityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the host organisation' })
  @IsOptional()
  @IsUUID('all')
  providerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  volunteerId?: string;

  @ApiPropertyOptional({ description: 'only placements waiting longer than the agency’s threshold' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  stuck?: boolean;
}

export class OpenPlacementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a volunteer id' })
  volunteerId: string;

  @ApiProperty({ format: 'uuid', description: 'a published opportunity' })
  @IsUUID('all', { message: 'must be an opportunity id' })
  opportunityId: string;

  @ApiPropertyOptional({ enum: ENTRY_STAGES, default: 'advised' })
  @IsOptional()
  @IsIn(ENTRY_STAGES)
  stage?: (typeof ENTRY_STAGES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'the volunteer’s advisory interview it came out of' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an advisory interview id' })
  advisoryInterviewId?: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}

export class MovePlacementDto {
  @ApiProperty({ enum: PLACEMENT_STAGES, description: 'the next stage; decline or end with a reason' })
  @IsIn(PLACEMENT_STAGES)
  stage: PlacementStage;

  @ApiPropertyOptional({ enum: PLACEMENT_END_REASONS, description: 'required to decline or end' })
  @IsOptional()
  @IsIn(PLACEMENT_END_REASONS)
  reason?: PlacementEndReason;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'required with reason "other"' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}

export class PlacementNoteDto {
  @ApiProperty({ maxLength: NOTE_MAX })
  @IsString()
  @MaxLength(NOTE_MAX)
  note: string;
}

export class PlacementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PLACEMENT_STAGES })
  stage: string;

  @ApiProperty({ type: String, format: 'date-time' })
  stageChangedAt: Date;

  @ApiProperty({ description: 'whole days at this stage' })
  daysAtStage: number;

  @ApiProperty({ description: 'waiting longer than the agency’s threshold for this stage' })
  stuck: boolean;

  @ApiProperty({ format: 'uuid' })
  volunteerId: string;

  @ApiProperty()
  volunteerName: string;

  @ApiProperty({ format: 'uuid' })
  opportunityId: string;

  @ApiProperty()
  opportunityTitle: string;

  @ApiProperty()
  opportunityStatus: string;

  @ApiProperty({ format: 'uuid' })
  providerId: string;

  @ApiProperty()
  providerName: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  advisoryInterviewId: string | null;

  @ApiProperty({ example: 'staff' })
  source: string;

  @ApiProperty({ type: String, nullable: true, enum: PLACEMENT_END_REASONS })
  endReason: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-01' })
  startedOn: string | null;

  @ApiProperty({ type: String, nullable: true })
  endedOn: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  followUpDueAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  followUpSentAt: Date | null;
}

export class PlacementEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['stage', 'follow-up-answer', 'note', 'reminder'] })
  kind: string;

  @ApiProperty({ type: String, nullable: true })
  fromStage: string | null;

  @ApiProperty({ type: String, nullable: true })
  toStage: string | null;

  @ApiProperty({ enum: PLACEMENT_ACTORS })
  actor: string;

  @ApiProperty({ type: String, nullable: true, description: 'the staff member, when staff acted' })
  staffName: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'e.g. a follow-up answer' })
  details: Record<string, unknown>;

  @ApiProperty({ type: String, format: 'date-time' })
  at: Date;
}

export class PlacementDetailDto extends PlacementDto {
  @ApiProperty({ type: [PlacementEventDto], description: 'oldest first' })
  timeline: PlacementEventDto[];
}

export class OpenedPlacementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'false when the volunteer already had an open placement there' })
  created: boolean;
}
