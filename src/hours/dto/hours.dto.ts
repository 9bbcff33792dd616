import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '../../common/dto/field-validators';
import { HOURS_ACTIVITY_MAX, HOURS_MAX_MINUTES } from '../domain/hour-rules';

const TARGET = /^(general|(match|placement):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Hours staff enter for a volunteer: approved at once. */
export class CreateHourEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a volunteer id' })
  volunteerId: string;

  @ApiProperty({
    example: '2026-12-01',
    description: 'the day (Berlin), not in the future, within the last 400 days',
  })
  @IsCalendarDate()
  workedOn: string;

  @ApiProperty({ example: 90, minimum: 1, maximum: HOURS_MAX_MINUTES, description: 'whole minutes' })
  @IsInt()
  @Min(1)
  @Max(HOURS_MAX_MINUTES)
  minutes: number;

  @ApiPropertyOptional({ maxLength: HOURS_ACTIVITY_MAX, example: 'Einkauf und Gespräch' })
  @IsOptional()
  @IsString()
  @MaxLength(HOURS_ACTIVITY_MAX)
  activity?: string;

  @ApiProperty({
    example: 'general',
    description:
      '"general", "match:<id>" (the volunteer’s accepted assignment) or "placement:<id>" (their started or ended placement)',
  })
  @IsString()
  @Matches(TARGET, { message: 'must be "general", "match:<id>" or "placement:<id>"' })
  target: string;
}

export class CorrectHourEntryDto {
  @ApiProperty({ example: 60, minimum: 1, maximum: HOURS_MAX_MINUTES })
  @IsInt()
  @Min(1)
  @Max(HOURS_MAX_MINUTES)
  minutes: number;
}

export class ApproveHourEntriesDto {
  @ApiProperty({ type: [String], description: 'entry ids to approve (those not waiting are skipped)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids: string[];
}

export class ListHourEntriesQueryDto {
  @ApiPropertyOptional({ enum: ['submitted', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['submitted', 'approved', 'rejected'])
  status?: 'submitted' | 'approved' | 'rejected';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  volunteerId?: string;
}

export class HourEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) volunteerId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) matchId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) placementId: string | null;
  @ApiProperty({ example: '2026-12-01' }) workedOn: string;
  @ApiProperty({ example: 90 }) minutes: number;
  @ApiPropertyOptional({
    nullable: true,
    description: 'what the volunteer entered before staff corrected it',
  })
  originalMinutes: number | null;
  @ApiPropertyOptional({ nullable: true }) activity: string | null;
  @ApiProperty({ enum: ['submitted', 'approved', 'rejected'] }) status: string;
  @ApiProperty({ enum: ['volunteer', 'staff', 'import'] }) enteredBy: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, description: 'help category key of the assignment' }) category:
    string | null;
  @ApiPropertyOptional({ nullable: true }) opportunityTitle: string | null;
  @ApiPropertyOptional({ nullable: true }) hostName: string | null;
}

export class ApprovedCountDto {
  @ApiProperty({ example: 3 }) approved: number;
}

export class HoursByKeyDto {
  @ApiProperty({
    example: 'category:shopping',
    description: '"category:<key>", "opportunity:<title>" or "general"',
  })
  key: string;
  @ApiProperty() minutes: number;
}

export class HoursYearDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty() minutes: number;
  @ApiProperty({ type: [HoursByKeyDto] }) byKey: HoursByKeyDto[];
}

export class HoursSummaryDto {
  @ApiProperty({ format: 'uuid' }) volunteerId: string;
  @ApiProperty({ description: 'approved minutes, all time' }) approvedMinutes: number;
  @ApiProperty({ description: 'minutes waiting for approval' }) submittedMinutes: number;
  @ApiProperty({ type: [HoursYearDto] }) years: HoursYearDto[];
}

export class HoursSettingsDto {
  @ApiProperty({
    example: 'Hamburger Engagementkarte',
    maxLength: 100,
    description: 'empty: the proof makes no statement',
  })
  cardName: string;
  @ApiProperty({
    example: 100,
    minimum: 0,
    maximum: 2000,
    description: 'approved hours per calendar year; 0: no threshold',
  })
  hoursPerYear: number;
}

export class UpdateHoursSettingsDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cardName?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 2000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2000)
  hoursPerYear?: number;
}
