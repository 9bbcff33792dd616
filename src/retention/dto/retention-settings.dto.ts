import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { RetentionSettings } from '../domain/retention-periods';

/** The retention periods as an admin sets them: whole months (days for the answer period). */
export class RetentionSettingsDto implements RetentionSettings {
  @ApiProperty({ minimum: 1, maximum: 120, default: 24 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  closedCaseMonths: number;

  @ApiProperty({ minimum: 6, maximum: 120, default: 24 })
  @Type(() => Number)
  @IsInt()
  @Min(6)
  @Max(120)
  volunteerInactiveMonths: number;

  @ApiProperty({ minimum: 7, maximum: 365, default: 30 })
  @Type(() => Number)
  @IsInt()
  @Min(7)
  @Max(365)
  volunteerAnswerDays: number;

  @ApiProperty({ minimum: 6, maximum: 120, default: 36 })
  @Type(() => Number)
  @IsInt()
  @Min(6)
  @Max(120)
  auditDetailMonths: number;
}
