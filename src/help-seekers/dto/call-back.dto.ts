import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsLanguageCode, IsPhoneNumber, IsPostalCode } from '../../common/dto/field-validators';
import { CALL_BACK_STATUSES, type CallBackStatus } from '../call-back-request.entity';

export class CallBackConsentDto {
  @ApiProperty({ description: 'consent to store the data to call back and arrange help (required)' })
  @Equals(true, { message: 'must be given to send a request' })
  dataProcessing: boolean;
}

/** "Please call me back": name, phone, postal code, maybe a line; the rest is asked on the phone. */
export class PublicCallBackDto {
  @ApiProperty({ example: 'Erika Muster' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: '040 123456' })
  @IsPhoneNumber()
  phone: string;

  @ApiProperty({ example: '22765' })
  @IsPostalCode()
  postalCode: string;

  @ApiPropertyOptional({ example: 'Es geht um Einkäufe', description: 'what it is about, in a line' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'must be at most 1000 characters' })
  note?: string;

  @ApiPropertyOptional({ example: 'tr', description: 'the language to call back in (ISO 639)' })
  @IsOptional()
  @IsLanguageCode()
  preferredLanguage?: string;

  @ApiProperty({ type: CallBackConsentDto })
  @IsObject({ message: 'must record the consent to store the data' })
  @ValidateNested()
  @Type(() => CallBackConsentDto)
  consent: CallBackConsentDto;
}

/** Staff called and did not reach the person (or reached them, but not yet to complete it). */
export class CallBackAttemptDto {
  @ApiPropertyOptional({
    example: 'Mailbox, morgen Vormittag erneut',
    description: 'a line for the colleagues',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'must be at most 500 characters' })
  note?: string;
}

export class CallBackDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: CALL_BACK_STATUSES })
  status: CallBackStatus;

  @ApiProperty({ format: 'uuid' })
  helpSeekerId: string;

  @ApiProperty({ example: 'Erika Muster' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: '040 123456' })
  phone: string | null;

  @ApiProperty({ example: '22765' })
  postalCode: string;

  @ApiProperty({ example: 'de' })
  preferredLanguage: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ description: 'calls that did not reach the person yet' })
  attempts: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastCalledAt: Date | null;

  @ApiProperty({ type: String, nullable: true, description: 'who called last' })
  lastCalledBy: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the request it became' })
  helpRequestId: string | null;
}

export class CallBackStatusQuery {
  @ApiPropertyOptional({ enum: CALL_BACK_STATUSES, default: 'waiting' })
  @IsOptional()
  @IsIn(CALL_BACK_STATUSES)
  status?: CallBackStatus;
}
