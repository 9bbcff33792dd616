import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Matches } from 'class-validator';
import type { Weekday } from '../../shared/schedule';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class WeeklySlotDto {
  @ApiProperty({ description: 'ISO weekday, 1 = Monday … 7 = Sunday', example: 2 })
  @IsInt()
  @IsIn([1, 2, 3, 4, 5, 6, 7], { message: 'must be a weekday from 1 (Monday) to 7 (Sunday)' })
  weekday: Weekday;

  @ApiProperty({ example: '09:00', description: 'Europe/Berlin wall-clock time' })
  @Matches(CLOCK, { message: 'must be a time like 09:00' })
  start: string;

  @ApiProperty({ example: '12:00' })
  @Matches(CLOCK, { message: 'must be a time like 12:00' })
  end: string;
}

export { CLOCK };
