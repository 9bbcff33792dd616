import { ApiProperty } from '@nestjs/swagger';
import { WeeklySlotDto } from '../../common/dto/weekly-slot.dto';
import { GENDERS, type Gender } from '../../shared/statistics-fields';
import { VOLUNTEER_STATUSES, type VolunteerStatus } from '../../shared/volunteer-profile';
import { OFFER_DELIVERIES, type OfferDelivery } from '../volunteer.entity';
import { LanguageSkillDto } from './create-volunteer.dto';

/** A volunteer as staff see them. */
export class VolunteerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Jonas Beispiel' })
  name: string;

  @ApiProperty({ example: 'jonas@example.org' })
  email: string;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: [LanguageSkillDto] })
  languages: LanguageSkillDto[];

  @ApiProperty({ type: [String], example: ['de', 'tr'] })
  languageCodes: string[];

  @ApiProperty({ type: [String], description: 'keys of the skill taxonomy' })
  skills: string[];

  @ApiProperty({ type: [String], description: 'keys of the field-of-activity taxonomy' })
  interests: string[];

  @ApiProperty({ example: '22765' })
  postalCode: string;

  @ApiProperty()
  latitude: number;

  @ApiProperty()
  longitude: number;

  @ApiProperty({ type: String, nullable: true })
  district: string | null;

  @ApiProperty({ example: 5 })
  maxTravelKm: number;

  @ApiProperty({ type: [WeeklySlotDto], description: 'weekly slots, Europe/Berlin wall-clock time' })
  availability: WeeklySlotDto[];

  @ApiProperty({ example: 2 })
  maxOpenAssignments: number;

  @ApiProperty({ example: 3 })
  maxOffersPerWeek: number;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  birthDate: string | null;

  @ApiProperty({ enum: GENDERS, nullable: true, description: 'for the statistics only; null = not given' })
  gender: Gender | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'away up to and including' })
  awayUntil: string | null;

  @ApiProperty({ enum: VOLUNTEER_STATUSES })
  status: VolunteerStatus;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'when the eFZ was seen (never a copy)',
  })
  certificateInspectedOn: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  certificateInspectedBy: string | null;

  @ApiProperty({ enum: OFFER_DELIVERIES })
  offerDelivery: OfferDelivery;

  @ApiProperty({ type: String, nullable: true, example: '21:00-08:00' })
  quietHours: string | null;

  @ApiProperty({ type: Date, nullable: true, description: 'double opt-in done; offers need it' })
  emailConfirmedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  erasedAt: Date | null;

  @ApiProperty({ example: 'de', description: 'the language of emails to this volunteer' })
  locale: string;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date })
  updatedAt: Date;
}

/** The same answer for a new and an already registered address. */
export class VolunteerSignUpAcceptedDto {
  @ApiProperty({ enum: ['check-your-email'] })
  status: 'check-your-email';
}
