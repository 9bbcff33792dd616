import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  ValidateNested,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { REQUEST_OUTCOMES, type RequestOutcome } from '../../help-seekers/help-request.entity';
import { CLOSED_REQUEST_STATUSES } from '../../help-seekers/domain/request-status';
import {
  CLOSE_REASONS,
  reasonFitsStatus,
  reasonsFor,
  type CloseReason,
} from '../../help-seekers/domain/close-outcome';

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

/** The reason must belong to the status: unfulfilled and rejected need one of theirs, the others none. */
@ValidatorConstraint({ name: 'closeReasonFitsStatus' })
class CloseReasonFitsStatus implements ValidatorConstraintInterface {
  validate(reason: unknown, args: ValidationArguments): boolean {
    const { status } = args.object as CloseRequestDto;
    if (!(CLOSING_STATUSES as readonly string[]).includes(status)) {
      return true; // the status's own rule says what is wrong
    }
    return reasonFitsStatus(status, reason as string | undefined);
  }

  defaultMessage(args: ValidationArguments): string {
    const { status } = args.object as CloseRequestDto;
    const allowed = reasonsFor(status);
    return allowed.length > 0
      ? `must be one of ${allowed.join(', ')} for a ${status} request`
      : `must be left out for a ${status} request`;
  }
}

export class CloseRequestDto {
  @ApiProperty({ enum: CLOSING_STATUSES })
  @IsIn(CLOSING_STATUSES, { message: 'must be done, cancelled, unfulfilled or rejected' })
  status: (typeof CLOSING_STATUSES)[number];

  @ApiPropertyOptional({ enum: REQUEST_OUTCOMES, description: 'how it went, for done requests' })
  @IsOptional()
  @IsIn(REQUEST_OUTCOMES, { message: 'must be went-well or problems' })
  outcome?: RequestOutcome;

  @ApiPropertyOptional({
    enum: CLOSE_REASONS,
    description:
      'unfulfilled: nobody-fits, came-too-late, help-seeker-unreachable, help-seeker-declined or other (with a note); ' +
      'rejected: spam or duplicate (with mergeInto). Left out for done and cancelled.',
  })
  @ValidateIf(
    (dto: CloseRequestDto) => dto.reason !== undefined || ['unfulfilled', 'rejected'].includes(dto.status),
  )
  @Validate(CloseReasonFitsStatus)
  reason?: CloseReason;

  @ApiPropertyOptional({ maxLength: 2000, description: 'how it went, why; required with reason other' })
  @ValidateIf((dto: CloseRequestDto) => dto.note !== undefined || dto.reason === 'other')
  @IsString()
  @IsNotEmpty({ message: 'please say why (reason other)' })
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'rejected as duplicate: the request this one is merged into',
  })
  @ValidateIf((dto: CloseRequestDto) => dto.mergeInto !== undefined || dto.reason === 'duplicate')
  @IsUUID('all', { message: 'must be the id of the other request' })
  mergeInto?: string;
}

export const BULK_ACTIONS = ['release', 'close'] as const;
export const MAX_BULK_IDS = 200;

/** Release or close several requests at once; each id on its own (one transaction per request). */
export class BulkRequestActionDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_BULK_IDS })
  @IsArray()
  @ArrayNotEmpty({ message: 'choose at least one request' })
  @ArrayMaxSize(MAX_BULK_IDS)
  @IsUUID('all', { each: true, message: 'each must be a request id' })
  ids: string[];

  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: 'must be release or close' })
  action: (typeof BULK_ACTIONS)[number];

  @ApiPropertyOptional({ type: CloseRequestDto, description: 'how to close, for action close' })
  @ValidateIf((dto: BulkRequestActionDto) => dto.action === 'close' || dto.close !== undefined)
  @IsDefined({ message: 'say how to close' })
  @ValidateNested()
  @Type(() => CloseRequestDto)
  close?: CloseRequestDto;
}
