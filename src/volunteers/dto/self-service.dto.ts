import { ApiProperty, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { IsLanguageCode } from '../../common/dto/field-validators';
import type { OfferDelivery } from '../volunteer.entity';
import { CreateVolunteerDto } from './create-volunteer.dto';

/**
 * What a volunteer changes about themselves on their own page: the same rules as the staff API
 * (a radius of 0.5 km that staff set can be saved again), languages as plain codes.
 */
export class OwnProfileDto extends PickType(CreateVolunteerDto, [
  'phone',
  'postalCode',
  'maxTravelKm',
  'skills',
  'availability',
] as const) {
  @ApiProperty({ example: ['de', 'tr'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(15)
  @IsLanguageCode({ each: true })
  languageCodes: string[];

  // At least one of each, or the volunteer could never be matched.
  @ArrayMinSize(1)
  declare skills: string[];

  @ArrayMinSize(1)
  declare availability: CreateVolunteerDto['availability'];
}

/** How often and when offers come, in which language: the settings behind the link in every email. */
export class VolunteerPreferencesDto extends PickType(CreateVolunteerDto, [
  'offerDelivery',
  'maxOffersPerWeek',
  'awayUntil',
  'quietHours',
  'locale',
] as const) {
  // The settings form always answers these: an empty field arrives as '' and fails the API's rule.
  declare offerDelivery: OfferDelivery;
  declare maxOffersPerWeek: number;
  declare locale: string;
}

/** The settings as stored on the volunteer. */
export interface VolunteerPreferences {
  offerDelivery: OfferDelivery;
  maxOffersPerWeek: number;
  /** YYYY-MM-DD or null. */
  awayUntil: string | null;
  /** "HH:MM-HH:MM" or null. */
  quietHours: string | null;
  /** A public locale of the catalogue. */
  locale: string;
}
