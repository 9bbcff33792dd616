import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt } from 'class-validator';
import { IsClockTime } from './field-validators';
import type { Weekday } from '../../shared/schedule';

export class WeeklySlotDto {
  // A union of literals reflects as Object: the schema must say integer itself.
  @ApiProperty({
    type: 'integer',
    enum: [1, 2, 3, 4, 5, 6, 7],
    description: 'ISO weekday, 1 = Monday … 7 = Sunday',
    example: 2,
  })
  @IsInt()
  @IsIn([1, 2, 3, 4, 5, 6, 7], { message: 'must be a weekday from 1 (Monday) to 7 (Sunday)' })
  weekday: Weekday;

  @ApiProperty({ example: '09:00', description: 'Europe/Berlin wall-clock time' })
  @IsClockTime()
  start: string;

  @ApiProperty({ example: '12:00' })
  @IsClockTime()
  end: string;
}
