import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDateString, IsIn, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsClockTime } from '../../common/dto/field-validators';
import { WeeklySlotDto } from '../../common/dto/weekly-slot.dto';

/** When help is needed: a one-off date and window, or recurring weekly slots (Europe/Berlin). */
export class ScheduleDto {
  @ApiProperty({ enum: ['one-off', 'weekly'] })
  @IsIn(['one-off', 'weekly'], { message: 'must be one-off or weekly' })
  kind: 'one-off' | 'weekly';

  @ApiPropertyOptional({ example: '2026-11-24', description: 'for one-off: the date (YYYY-MM-DD)' })
  @ValidateIf((schedule: ScheduleDto) => schedule.kind === 'one-off')
  @IsDateString({ strict: true }, { message: 'must be a date like 2026-11-24' })
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ example: '09:00' })
  @ValidateIf((schedule: ScheduleDto) => schedule.kind === 'one-off')
  @IsClockTime()
  start?: string;

  @ApiPropertyOptional({ example: '11:00' })
  @ValidateIf((schedule: ScheduleDto) => schedule.kind === 'one-off')
  @IsClockTime()
  end?: string;

  @ApiPropertyOptional({
    example: '2026-12-08',
    description: 'for weekly: the first day it may start (YYYY-MM-DD); default: now',
  })
  @ValidateIf((schedule: ScheduleDto) => schedule.kind === 'weekly' && schedule.from !== undefined)
  @IsDateString({ strict: true }, { message: 'must be a date like 2026-12-08' })
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ type: [WeeklySlotDto], description: 'for weekly: the slots' })
  @ValidateIf((schedule: ScheduleDto) => schedule.kind === 'weekly')
  @ArrayMinSize(1, { message: 'needs at least one weekly slot' })
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => WeeklySlotDto)
  slots?: WeeklySlotDto[];
}
