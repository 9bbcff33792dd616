import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsPhoneNumber, IsPostalCode } from '../../common/dto/field-validators';

/** Links in the profile end up in every page's footer: only web addresses or site paths. */
const LINK = /^(https?:\/\/[^\s<>"]+|\/[^\s<>"]*)$/;

/**
 * The agency's identity as every public page, link page, email and letter shows it. An admin sets
 * it in the console (audited); until then the demo agency's profile is used.
 */
export class AgencyProfileDto {
  @ApiProperty({ example: 'Freiwilligenagentur Altona' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ example: '/logo.svg', description: 'web address or site path of the logo' })
  @IsOptional()
  @Matches(LINK, { message: 'must be a web address (https://…) or a path on this site (/…)' })
  @MaxLength(500)
  logoUrl?: string;

  @ApiProperty({ example: 'Große Bergstraße 1' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  street: string;

  @ApiProperty({ example: '22767' })
  @IsPostalCode()
  postalCode: string;

  @ApiProperty({ example: 'Hamburg' })
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  city: string;

  @ApiProperty({ example: '040 123 456 78' })
  @IsPhoneNumber()
  phone: string;

  @ApiProperty({ example: 'kontakt@agentur.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Mo–Do 10–16 Uhr, Fr 10–13 Uhr' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  openingHours: string;

  @ApiProperty({ description: 'Impressum: who is responsible (text shown on the imprint page)' })
  @IsString()
  @MinLength(10)
  @MaxLength(5000)
  imprint: string;

  @ApiPropertyOptional({ description: 'the agency’s own privacy policy, if it has one online' })
  @IsOptional()
  @Matches(LINK, { message: 'must be a web address (https://…) or a path on this site (/…)' })
  @MaxLength(500)
  privacyPolicyUrl?: string;

  @ApiProperty({ description: 'Erklärung zur Barrierefreiheit (accessibility statement)' })
  @IsString()
  @MinLength(10)
  @MaxLength(5000)
  accessibilityStatement: string;
}

export type AgencyProfile = Readonly<AgencyProfileDto>;

export const AGENCY_PROFILE_KEY = 'agency-profile';

/** The demo agency: plainly marked as a demo, with an address and number that reach no one. */
export function defaultAgencyProfile(agencyName: string): AgencyProfile {
  return {
    name: agencyName,
    street: 'Musterstraße 1',
    postalCode: '22765',
    city: 'Hamburg',
    phone: '040 000 000 00',
    email: 'kontakt@nahbar.localhost',
    openingHours: 'Mo–Do 10–16 Uhr, Fr 10–13 Uhr',
    imprint:
      'Demo-Installation von nahbar. Hier stehen die Angaben nach § 5 DDG: Name und Anschrift des Trägers, Vertretungsberechtigte, Kontakt, Registereintrag.',
    accessibilityStatement:
      'Wir möchten, dass alle Menschen diese Seiten nutzen können: große Schrift, hoher Kontrast, Bedienung mit der Tastatur, ohne JavaScript. Wenn Ihnen eine Barriere auffällt, rufen Sie uns bitte an oder schreiben Sie uns.',
  };
}
