import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { REQUEST_OUTCOMES, type RequestOutcome } from '../../help-seekers/help-request.entity';
import { CLOSED_REQUEST_STATUSES } from '../../help-seekers/domain/request-status';

export class BlockVolunteerDto {
  @ApiProperty()
  @IsUUID('4', { message: 'must be a volunteer id' })
  volunteerId: string;

  @ApiPropertyOptional({ example: 'auf Wunsch der Hilfesuchenden' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export const CLOSING_STATUSES = CLOSED_REQUEST_STATUSES;

export class CloseRequestDto {
  @ApiProperty({ enum: CLOSING_STATUSES })
  @IsIn(CLOSING_STATUSES, { message: 'must be done, cancelled or unfulfilled' })
  status: (typeof CLOSING_STATUSES)[number];

  @ApiPropertyOptional({ enum: REQUEST_OUTCOMES, description: 'how it went, for done requests' })
  @IsOptional()
  @IsIn(REQUEST_OUTCOMES, { message: 'must be went-well or problems' })
  outcome?: RequestOutcome;
}
