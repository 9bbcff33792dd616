import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { localesFor } from '../../i18n';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsBoolean,
  IsObject,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  IsPlausibleBirthDate,
  IsLanguageCode,
  IsPhoneNumber,
  IsPostalCode,
} from '../../common/dto/field-validators';
import { WeeklySlotDto } from '../../common/dto/weekly-slot.dto';
import { GENDERS, type Gender } from '../../shared/statistics-fields';
import { OFFER_DELIVERIES, type OfferDelivery } from '../volunteer.entity';
import {
  LANGUAGE_LEVELS,
  VOLUNTEER_STATUSES,
  type LanguageLevel,
  type VolunteerStatus,
} from '../../shared/volunteer-profile';

/** The languages an email can be written in: the catalogue's public locales. */
const EMAIL_LOCALES = localesFor('public').map((info) => info.locale);

export class LanguageSkillDto {
  @ApiProperty({ example: 'tr', description: 'ISO 639 code (kmr = Kurmanji, ckb = Sorani)' })
  @IsLanguageCode()
  code: string;

  @ApiProperty({ enum: LANGUAGE_LEVELS })
  @IsIn(LANGUAGE_LEVELS, { message: `must be one of ${LANGUAGE_LEVELS.join(', ')}` })
  level: LanguageLevel;
}

/** Staff register a volunteer after the intake conversation (Erstgespräch). */
export class CreateVolunteerDto {
  @ApiProperty({ example: 'Jonas Beispiel' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'jonas@example.org' })
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '0170 1234567' })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string;

  @ApiProperty({ type: [LanguageSkillDto] })
  @ArrayMaxSize(15)
  @ValidateNested({ each: true })
  @Type(() => LanguageSkillDto)
  languages: LanguageSkillDto[];

  @ApiProperty({ example: ['shopping', 'accompaniment.doctor'] })
  @ArrayMaxSize(30)
  @IsString({ each: true })
  skills: string[];

  @ApiPropertyOptional({ example: ['SEN', 'NBH'], description: 'keys of the field-of-activity taxonomy' })
  @IsOptional()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  interests?: string[];

  @ApiProperty({ example: '22765' })
  @IsPostalCode()
  postalCode: string;

  @ApiProperty({ example: 3, description: 'how far the volunteer will go, in km' })
  @IsNumber()
  @Min(0.5)
  @Max(50)
  maxTravelKm: number;

  @ApiProperty({ type: [WeeklySlotDto] })
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => WeeklySlotDto)
  availability: WeeklySlotDto[];

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  maxOpenAssignments?: number;

  @ApiPropertyOptional({ example: 3, description: 'at most this many offers in any 7 days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  maxOffersPerWeek?: number;

  @ApiPropertyOptional({
    example: '1961-04-12',
    description: 'only needed for categories with a minimum age',
  })
  @IsOptional()
  @IsPlausibleBirthDate()
  birthDate?: string;

  @ApiPropertyOptional({
    enum: GENDERS,
    nullable: true,
    description: 'optional, for the statistics only; null or left out = not given',
  })
  @IsOptional()
  @IsIn(GENDERS, { message: `must be one of ${GENDERS.join(', ')} (or null: not given)` })
  gender?: Gender | null;

  @ApiPropertyOptional({
    example: '2026-12-06',
    description: 'away (holiday, illness) up to and including this date; null ends the pause',
    nullable: true,
  })
  @IsOptional()
  @IsCalendarDate()
  awayUntil?: string | null;

  @ApiPropertyOptional({ enum: VOLUNTEER_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(VOLUNTEER_STATUSES)
  status?: VolunteerStatus;

  /** The language of this volunteer's emails and pages: any language the public texts exist in. */
  @ApiPropertyOptional({ enum: EMAIL_LOCALES, example: 'tr', default: 'de' })
  @IsOptional()
  @IsIn(EMAIL_LOCALES)
  locale?: string;

  @ApiPropertyOptional({
    enum: OFFER_DELIVERIES,
    default: 'immediate',
    description: "each offer at once, or all of a day's offers in one email at 17:00",
  })
  @IsOptional()
  @IsIn(OFFER_DELIVERIES)
  offerDelivery?: OfferDelivery;

  @ApiPropertyOptional({
    example: '21:00-08:00',
    nullable: true,
    description: 'no email in this window (Europe/Berlin), delayed until it ends; null = none',
  })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, {
    message: 'must be a time window like 21:00-08:00',
  })
  quietHours?: string | null;

  @ApiPropertyOptional({
    default: false,
    description:
      'staff checked the address with the volunteer in person; otherwise a confirmation link is emailed (double opt-in) and offers wait for it',
  })
  @IsOptional()
  @IsBoolean()
  emailVerifiedByStaff?: boolean;
}

export class UpdateVolunteerStatusDto {
  @ApiProperty({ enum: VOLUNTEER_STATUSES })
  @IsIn(VOLUNTEER_STATUSES)
  status: VolunteerStatus;
}

/** Only that the certificate was seen, and when: never its content or a copy. */
export class RecordCertificateDto {
  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  inspectedOn: string;
}

/** Any profile field but the email (the login to self-service, changed through its own flow later). */
export class UpdateVolunteerDto extends PartialType(
  OmitType(CreateVolunteerDto, ['email', 'emailVerifiedByStaff'] as const),
) {}

export class VolunteerPoolConsentDto {
  @ApiProperty({ description: 'consent to be kept in the volunteer pool and contacted with requests' })
  @Equals(true, { message: 'must be given to sign up' })
  volunteerPool: boolean;
}

/** Sign-up on the agency's website: the profile, and online consent. Pending until staff activate. */
export class PublicVolunteerSignUpDto extends PickType(CreateVolunteerDto, [
  'name',
  'email',
  'phone',
  'languages',
  'skills',
  'interests',
  'postalCode',
  'maxTravelKm',
  'availability',
  'birthDate',
  'gender',
  'locale',
] as const) {
  @ApiProperty({ type: VolunteerPoolConsentDto })
  @IsObject({ message: 'must record the consent' })
  @ValidateNested()
  @Type(() => VolunteerPoolConsentDto)
  consent: VolunteerPoolConsentDto;

  // Online, without staff to ask: at least one language, one skill and one free time, or no
  // request can ever fit (staff may register a volunteer with less and complete the profile).
  @ArrayMinSize(1)
  override languages: LanguageSkillDto[];

  @ArrayMinSize(1)
  override skills: string[];

  @ArrayMinSize(1)
  override availability: WeeklySlotDto[];

  @ApiPropertyOptional({ description: 'leave empty: a honeypot for bots' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;
}
