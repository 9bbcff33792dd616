import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsLanguageCode, IsPostalCode } from '../../common/dto/field-validators';
import { URGENCIES, type Urgency } from '../help-request.entity';
import { ScheduleDto } from './schedule.dto';

/** Present and not null: a nullable field is validated only when it carries a value. */
const hasValue = (field: string) => (dto: object) =>
  (dto as Record<string, unknown>)[field] !== undefined && (dto as Record<string, unknown>)[field] !== null;

/**
 * A partial edit of a request by staff: a field left out stays as it is; `null` clears a nullable
 * field (the short text for volunteers, the needed language, the street address).
 */
export class UpdateHelpRequestDto {
  @ApiPropertyOptional({ example: 'shopping', description: 'key of the request-category taxonomy' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  category?: string;

  @ApiPropertyOptional({
    description: 'the help-seeker’s own description; staff only, never shown to volunteers',
  })
  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'must describe the help needed in a few words' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  description?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Wocheneinkauf im Supermarkt, etwa eine Stunde',
    description:
      'the short text volunteers read before they accept (offer email, offer pages); staff-approved. null: a neutral text from the category',
  })
  @ValidateIf(hasValue('volunteerSummary'))
  @IsString()
  @MinLength(3, { message: 'must say in a few words what the help is' })
  @MaxLength(300, { message: 'must be at most 300 characters' })
  volunteerSummary?: string | null;

  @ApiPropertyOptional({ example: ['shopping'], description: 'skill keys; empty: the category’s skills' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  neededSkills?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'tr', description: 'ISO 639; null: none' })
  @ValidateIf(hasValue('neededLanguage'))
  @IsLanguageCode()
  neededLanguage?: string | null;

  @ApiPropertyOptional({
    description: 'needs an inspected eFZ; when left out and the category changes, the new category’s default',
  })
  @IsOptional()
  @IsBoolean()
  requiresCertificate?: boolean;

  @ApiPropertyOptional({ type: ScheduleDto })
  @IsOptional()
  @IsObject({ message: 'must say when the help is needed' })
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Große Bergstraße 189, 2. OG' })
  @ValidateIf(hasValue('streetAddress'))
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  streetAddress?: string | null;

  @ApiPropertyOptional({ example: '22765', description: 'where the help takes place' })
  @IsOptional()
  @IsPostalCode()
  postalCode?: string;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES, { message: 'must be low, normal or high' })
  urgency?: Urgency;
}
