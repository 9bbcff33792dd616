import { ApiProperty } from '@nestjs/swagger';
import { HOST_OFFERS, type HostOffer } from '../../opportunities/domain/opportunity-status';

/** Who to contact about an opportunity: the host's contact person by name, and the agency. */
export class OpportunityContactDto {
  @ApiProperty({ type: String, nullable: true, description: 'The contact person at the host, by name only.' })
  name: string | null;

  @ApiProperty({ description: 'The volunteer agency, the contact for volunteers.' })
  agency: string;

  @ApiProperty({ description: "The agency's email address." })
  agencyEmail: string;

  @ApiProperty({ description: "The agency's phone number." })
  agencyPhone: string;
}

/** A published opportunity in the partner feed. No personal contact data beyond the contact name. */
export class PublicOpportunityDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Spielenachmittag begleiten' })
  title: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: String, nullable: true, description: 'What the volunteer does there.' })
  tasks: string | null;

  @ApiProperty({ description: 'The host organisation.' })
  organisation: string;

  @ApiProperty({ type: [String], description: 'Keys of the field-of-activity taxonomy.' })
  fieldsOfActivity: string[];

  @ApiProperty({ description: 'Done from home (online, phone): no place.' })
  remote: boolean;

  @ApiProperty({ type: String, nullable: true, example: '22763' })
  postalCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Ottensen' })
  district: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The place's street address (an organisation's, never a person's).",
  })
  streetAddress: string | null;

  @ApiProperty({ type: Number, nullable: true })
  latitude: number | null;

  @ApiProperty({ type: Number, nullable: true })
  longitude: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'When: `{kind: "weekly", slots: [{weekday 1–7, start "HH:MM", end "HH:MM"}]}`, `{kind: "flexible", hoursPerWeek?, hoursPerMonth?}` or `{kind: "one-off", date, start, end}` (Europe/Berlin).',
  })
  timePattern: Record<string, unknown>;

  @ApiProperty({ type: Number, nullable: true, description: 'Expected commitment in months; null for none.' })
  minCommitmentMonths: number | null;

  @ApiProperty({ description: 'How many volunteers the host is looking for.' })
  places: number;

  @ApiProperty({ description: 'An extended certificate of conduct (erweitertes Führungszeugnis) is needed.' })
  requiresCertificate: boolean;

  @ApiProperty({ type: Number, nullable: true })
  minimumAge: number | null;

  @ApiProperty({ type: [String], description: 'ISO 639-1 codes used there (any one of them).' })
  languages: string[];

  @ApiProperty({ type: [String], description: 'Keys of the skill taxonomy.' })
  skills: string[];

  @ApiProperty()
  forNewcomers: boolean;

  @ApiProperty()
  littleGermanOk: boolean;

  @ApiProperty()
  accessible: boolean;

  @ApiProperty({ enum: HOST_OFFERS, isArray: true, description: 'What the host offers its volunteers.' })
  hostOffers: HostOffer[];

  @ApiProperty({ type: OpportunityContactDto })
  contact: OpportunityContactDto;

  @ApiProperty({ description: 'The public page of the opportunity (with the "I am interested" form).' })
  url: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'Use as `updatedSince` for the next poll.' })
  updatedAt: string;
}

export class PublicOpportunityFeedDto {
  @ApiProperty({ type: [PublicOpportunityDto] })
  items: PublicOpportunityDto[];

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ description: 'Whether another page follows.' })
  hasNext: boolean;
}
