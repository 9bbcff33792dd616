import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ANSWER_NOTE_MAX_LENGTH, DROP_OUT_REASONS, type DropOutReason } from '../domain/volunteer-answers';

/** Staff record that the volunteer called off an agreed assignment (e.g. on the phone). */
export class RecordDropOutDto {
  @ApiProperty({ enum: DROP_OUT_REASONS })
  @IsIn(DROP_OUT_REASONS, { message: `must be one of ${DROP_OUT_REASONS.join(', ')}` })
  reason: DropOutReason;

  @ApiPropertyOptional({ maxLength: ANSWER_NOTE_MAX_LENGTH, example: 'krank, meldet sich wieder' })
  @IsOptional()
  @IsString()
  @MaxLength(ANSWER_NOTE_MAX_LENGTH)
  note?: string;
}
