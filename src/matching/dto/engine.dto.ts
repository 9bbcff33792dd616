import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ApiFreeForm } from '../../common/api-docs';
import { ATTENDANCE_PROBLEMS, type AttendanceProblem } from '../match.entity';
import { MatchDto } from './matching.response';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Propose (and maybe record as agreed by phone) a volunteer outside soft limits, with a reason. */
export class OverrideProposalDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'must be a volunteer id' })
  volunteerId: string;

  @ApiProperty({
    example: 'Fährt ausnahmsweise die 7 km, am Telefon besprochen',
    description:
      'why the soft rules are overridden (mandatory, 5–500 characters); stored on the match and audited',
  })
  @Transform(trimmed)
  @IsString({ message: 'must be a text' })
  @MinLength(5, { message: 'must say why (at least 5 characters)' })
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({
    description: 'the volunteer already said yes by phone: the match is accepted on their behalf at once',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  agreedByPhone?: boolean;
}

/** What an override for this volunteer would take, or why there can be none. */
export class OverrideCheckDto {
  @ApiProperty({ enum: ['eligible', 'overridable', 'refused'] })
  kind: 'eligible' | 'overridable' | 'refused';

  @ApiFreeForm('the soft rules an override steps over, each { reason, explanation: { de, en } }')
  overridden: Record<string, unknown>[];

  @ApiFreeForm('when refused: { reason, overrideClass: firm | safeguarding, explanation: { de, en } }', true)
  refusal: Record<string, unknown> | null;

  @ApiProperty({ type: Number, nullable: true, description: 'the score the volunteer would get' })
  score: number | null;
}

export class RecordAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_PROBLEMS })
  @IsIn(ATTENDANCE_PROBLEMS, { message: 'must be no-show or late-cancellation' })
  attendance: AttendanceProblem;
}

export class BlockRemovedDto {
  @ApiProperty({ format: 'uuid' })
  helpSeekerId: string;

  @ApiProperty({ format: 'uuid' })
  volunteerId: string;

  @ApiProperty({ enum: [true] })
  removed: true;
}

export class VolunteerBlockListItemDto {
  @ApiProperty({ format: 'uuid' })
  volunteerId: string;

  @ApiProperty()
  volunteerName: string;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true })
  createdBy: string | null;

  @ApiProperty({ type: Date })
  createdAt: Date;
}

export { MatchDto };
