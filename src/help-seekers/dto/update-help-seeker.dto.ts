import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsLanguageCode, IsPhoneNumber, IsPostalCode } from '../../common/dto/field-validators';
import { type PriorityGroup } from '../../shared/statistics-fields';
import { PriorityGroupsProperty } from './priority-groups.property';
import {
  CONTACT_CHANNELS,
  CONTACT_PERSON_RELATIONSHIPS,
  SALUTATIONS,
  type ContactChannel,
  type ContactPersonRelationship,
  type Salutation,
} from '../help-seeker.entity';

const hasValue = (field: string) => (dto: object) =>
  (dto as Record<string, unknown>)[field] !== undefined && (dto as Record<string, unknown>)[field] !== null;

/**
 * A partial edit of a help-seeker by staff: a field left out stays as it is, `null` clears a
 * nullable one. Accessibility needs are health data (Art. 9 GDPR): stored only with a recorded
 * explicit consent (`healthDataConsent`, given orally, or one already on record). The contact
 * person is all three fields or none.
 */
export class UpdateHelpSeekerDto {
  @ApiPropertyOptional({ example: 'Erika Muster' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({
    enum: SALUTATIONS,
    description: 'how letters address the person; none: "Guten Tag <name>"',
  })
  @IsOptional()
  @IsIn(SALUTATIONS, { message: 'must be frau, herr or none' })
  salutation?: Salutation;

  @ApiPropertyOptional({ type: String, nullable: true, example: '040 123456' })
  @ValidateIf(hasValue('phone'))
  @IsPhoneNumber()
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'erika@example.org' })
  @ValidateIf(hasValue('email'))
  @MaxLength(254)
  @IsEmail({}, { message: 'must be a valid email address' })
  email?: string | null;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS, { message: 'must be phone, email or post' })
  preferredContact?: ContactChannel;

  @ApiPropertyOptional({ example: 'tr', description: 'ISO 639 code' })
  @IsOptional()
  @IsLanguageCode()
  preferredLanguage?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Große Bergstraße 189' })
  @ValidateIf(hasValue('streetAddress'))
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  streetAddress?: string | null;

  @ApiPropertyOptional({ example: '22765' })
  @IsOptional()
  @IsPostalCode()
  postalCode?: string;

  @ApiPropertyOptional({
    example: ['wheelchair'],
    description: 'health-related: needs a recorded health-data consent',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  accessibilityNeeds?: string[];

  @PriorityGroupsProperty()
  priorityGroups?: PriorityGroup[];

  @ApiPropertyOptional({
    description:
      'the person explicitly agreed (orally, on the phone) to the storage of health details; recorded as a consent',
  })
  @IsOptional()
  @IsBoolean()
  healthDataConsent?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Frauke Muster' })
  @ValidateIf(hasValue('contactPersonName'))
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  contactPersonName?: string | null;

  @ApiPropertyOptional({ enum: CONTACT_PERSON_RELATIONSHIPS, nullable: true })
  @ValidateIf(hasValue('contactPersonRelationship'))
  @IsIn(CONTACT_PERSON_RELATIONSHIPS, {
    message: `must be one of ${CONTACT_PERSON_RELATIONSHIPS.join(', ')}`,
  })
  contactPersonRelationship?: ContactPersonRelationship | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '040 654321' })
  @ValidateIf(hasValue('contactPersonPhone'))
  @IsPhoneNumber()
  contactPersonPhone?: string | null;
}
