import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsLanguageCode, IsPhoneNumber, IsPostalCode } from '../../common/dto/field-validators';
import {
  CONTACT_CHANNELS,
  CONTACT_PERSON_RELATIONSHIPS,
  SALUTATIONS,
  type ContactChannel,
  type ContactPersonRelationship,
  type Salutation,
} from '../help-seeker.entity';
import { URGENCIES, type Urgency } from '../help-request.entity';
import { type PriorityGroup } from '../../shared/statistics-fields';
import { PriorityGroupsProperty } from './priority-groups.property';
import { ScheduleDto } from './schedule.dto';

/** Someone who calls on the person's behalf (relative, neighbour, care service): all three fields. */
export class ContactPersonDto {
  @ApiProperty({ example: 'Jana Muster' })
  @IsString()
  @MinLength(2, { message: 'must name the contact person' })
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: CONTACT_PERSON_RELATIONSHIPS })
  @IsIn(CONTACT_PERSON_RELATIONSHIPS, {
    message: `must be one of ${CONTACT_PERSON_RELATIONSHIPS.join(', ')}`,
  })
  relationship: ContactPersonRelationship;

  @ApiProperty({ example: '040 654321' })
  @IsPhoneNumber()
  phone: string;
}

/** The person asking for help; the minimum to reach them. */
export class HelpSeekerDto {
  @ApiPropertyOptional({ enum: SALUTATIONS, description: 'how letters and calls address the person' })
  @IsOptional()
  @IsIn(SALUTATIONS, { message: 'must be frau, herr or none' })
  salutation?: Salutation;

  @ApiProperty({ example: 'Erika Muster' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ example: '040 123456' })
  @ValidateIf((seeker: HelpSeekerDto) => seeker.preferredContact === 'phone' || seeker.phone !== undefined)
  @IsPhoneNumber()
  phone?: string;

  @ApiPropertyOptional({ example: 'erika@example.org' })
  @ValidateIf((seeker: HelpSeekerDto) => seeker.preferredContact === 'email' || seeker.email !== undefined)
  @MaxLength(254)
  @IsEmail({}, { message: 'must be a valid email address' })
  email?: string;

  @ApiPropertyOptional({
    example: 'Große Bergstraße 189',
    description: 'needed for help at home or for a letter',
  })
  @ValidateIf(
    (seeker: HelpSeekerDto) => seeker.preferredContact === 'post' || seeker.streetAddress !== undefined,
  )
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  streetAddress?: string;

  @ApiProperty({ enum: CONTACT_CHANNELS, description: 'how the agency should reach the person' })
  @IsIn(CONTACT_CHANNELS, { message: 'must be phone, email or post' })
  preferredContact: ContactChannel;

  @ApiPropertyOptional({ example: 'tr', description: 'ISO 639 code' })
  @IsOptional()
  @IsLanguageCode()
  preferredLanguage?: string;

  @ApiPropertyOptional({ example: ['wheelchair'], description: 'health-related: needs healthData consent' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  accessibilityNeeds?: string[];

  @ApiPropertyOptional({
    type: ContactPersonDto,
    description: 'phone intake: someone who calls on the person’s behalf',
  })
  @IsOptional()
  @IsObject({ message: 'must give the contact person’s name, relationship and phone' })
  @ValidateNested()
  @Type(() => ContactPersonDto)
  contactPerson?: ContactPersonDto;
}

/** Fields of the request itself, shared by the public form and phone intake. */
export class HelpRequestDetailsDto {
  @ApiProperty({ example: 'shopping', description: 'key of the request-category taxonomy' })
  @MaxLength(60)
  @IsNotEmpty({ message: 'must name what kind of help is needed' })
  @IsString()
  category: string;

  @ApiProperty({ example: 'Wocheneinkauf im Supermarkt, ca. 1 Stunde' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  @MinLength(3, { message: 'must describe the help needed in a few words' })
  @IsString()
  description: string;

  @ApiProperty({ example: '22765', description: 'where the help takes place' })
  @IsPostalCode()
  postalCode: string;

  @ApiPropertyOptional({ example: 'tr', description: 'a language the volunteer must speak (ISO 639)' })
  @IsOptional()
  @IsLanguageCode()
  neededLanguage?: string;

  @ApiProperty({ type: ScheduleDto })
  @IsObject({ message: 'must say when the help is needed' })
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule: ScheduleDto;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES, { message: 'must be low, normal or high' })
  urgency?: Urgency;
}

export class OnlineConsentDto {
  @ApiProperty({ description: 'consent to store and use the data to arrange help (required)' })
  @Equals(true, { message: 'must be given to send a request' })
  dataProcessing: boolean;

  @ApiPropertyOptional({
    description: 'explicit consent for health details such as accessibility needs (GDPR Art. 9)',
  })
  @IsOptional()
  @IsBoolean()
  healthData?: boolean;
}

/** The public form: a help-seeker (or a relative) asks for help. */
export class PublicHelpRequestDto extends HelpRequestDetailsDto {
  @ApiProperty({ type: HelpSeekerDto })
  @IsObject({ message: 'must name the person who needs help and how to reach them' })
  @ValidateNested()
  @Type(() => HelpSeekerDto)
  helpSeeker: HelpSeekerDto;

  @ApiProperty({ type: OnlineConsentDto })
  @IsObject({ message: 'must record the consent to store the data' })
  @ValidateNested()
  @Type(() => OnlineConsentDto)
  consent: OnlineConsentDto;

  @ApiPropertyOptional({ description: 'leave empty: a honeypot for bots (a filled one stores nothing)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;
}

export class OralConsentDto {
  @ApiProperty({ description: 'the person agreed on the phone to the storage of their data' })
  @Equals(true, { message: 'must be confirmed before the request is saved' })
  dataProcessing: boolean;

  @ApiPropertyOptional({ description: 'the person explicitly agreed to the storage of health details' })
  @IsOptional()
  @IsBoolean()
  healthData?: boolean;
}

/** What staff may set beyond the public form, for phone intake and for providers' requests. */
export class StaffRequestDetailsDto extends HelpRequestDetailsDto {
  @ApiPropertyOptional({
    example: ['shopping'],
    description: 'skill keys; defaults to the category’s skills',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  neededSkills?: string[];

  @ApiPropertyOptional({
    description: 'work with children or people with disabilities (needs an inspected eFZ)',
  })
  @IsOptional()
  @IsBoolean()
  requiresCertificate?: boolean;

  @ApiPropertyOptional({
    example: 'Große Bergstraße 189, 2. OG',
    description: 'where the help takes place; for a provider it defaults to the provider’s address',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  streetAddress?: string;

  @ApiPropertyOptional({
    example: 'Wöchentlicher Besuch, Gespräche und kleine Spaziergänge',
    description:
      'staff-approved short text that volunteers read before they accept; default: a neutral category text',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'must be at most 500 characters' })
  volunteerSummary?: string;
}

/** The person as staff take them on the phone: also the priority groups, if the person gives them. */
export class StaffHelpSeekerDto extends HelpSeekerDto {
  @PriorityGroupsProperty()
  priorityGroups?: PriorityGroup[];
}

/** Phone intake by staff: the help-seeker, and their oral consent recorded by the staff member. */
export class StaffHelpRequestDto extends StaffRequestDetailsDto {
  @ApiProperty({ type: StaffHelpSeekerDto })
  @IsObject({ message: 'must name the person who needs help and how to reach them' })
  @ValidateNested()
  @Type(() => StaffHelpSeekerDto)
  helpSeeker: StaffHelpSeekerDto;

  @ApiProperty({ type: OralConsentDto })
  @IsObject({ message: 'must record the consent to store the data' })
  @ValidateNested()
  @Type(() => OralConsentDto)
  consent: OralConsentDto;

  @ApiPropertyOptional({
    description:
      'a known help-seeker (found by name or phone): the request is theirs; their name and contact ways stay as stored, ' +
      'while what was given for this request (street, accessibility needs with consent, contact person, salutation) is kept',
  })
  @IsOptional()
  @IsUUID('4', { message: 'must be the id of a known help-seeker' })
  helpSeekerId?: string;
}

/** A provider's opportunity that needs a volunteer; no help-seeker's personal data involved. */
export class ProviderHelpRequestDto extends StaffRequestDetailsDto {}
