import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Located } from '../common/located';
import type { Gender } from '../shared/statistics-fields';
import type { LanguageSkill, VolunteerStatus } from '../shared/volunteer-profile';
import type { WeeklySlot } from '../shared/schedule';

export const OFFER_DELIVERIES = ['immediate', 'daily-digest'] as const;
export type OfferDelivery = (typeof OFFER_DELIVERIES)[number];

@Entity('volunteer')
// Retrieval indexes (GiST on ll_to_earth, GIN on arrays) are written by hand in the migration.
@Index('volunteer_active_location_gist', { synchronize: false })
@Index('volunteer_language_codes_gin', { synchronize: false })
@Index('volunteer_skills_gin', { synchronize: false })
// Volunteer search by field of interest (AddWeekViewIndexes).
@Index('volunteer_interests_gin', { synchronize: false })
@Index('volunteer_email_lower_uq', { synchronize: false })
// The console's volunteer search (trigram and sorted lists), made by AddConsoleNotesAndIndexes.
@Index('volunteer_email_trgm', { synchronize: false })
@Index('volunteer_name_idx', { synchronize: false })
@Index('volunteer_status_name_idx', { synchronize: false })
@Index('volunteer_district_name_idx', { synchronize: false })
// Reports: events counted by their own timestamp in a period (AddReportIndexes).
@Index('volunteer_created_at_idx', { synchronize: false })
@Index('volunteer_erased_at_idx', { synchronize: false })
export class Volunteer extends Located {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  languages: LanguageSkill[];

  /** The codes of `languages`, kept beside them so a GIN index can filter candidates. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languageCodes: string[];

  /** Keys of the skill taxonomy. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  /** Keys of the field-of-activity taxonomy. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  interests: string[];

  /**
   * The home point as an earthdistance `earth` (a 3-D cube), computed by PostgreSQL from latitude
   * and longitude; its GiST index answers "nearest active volunteers first" without trigonometry per row.
   */
  @Column({
    type: 'cube',
    generatedType: 'STORED',
    asExpression: 'll_to_earth(latitude, longitude)',
    select: false,
    insert: false,
    update: false,
  })
  location?: string;

  @Column({ type: 'double precision' })
  maxTravelKm: number;

  /** Weekly slots in Europe/Berlin wall-clock time. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  availability: WeeklySlot[];

  /** Half-hours of the week the availability touches, computed by PostgreSQL (see the migration). */
  @Column({
    type: 'bit',
    length: 336,
    generatedType: 'STORED',
    asExpression: 'nahbar_slots_mask(availability)',
    select: false,
    insert: false,
    update: false,
  })
  availabilityMask?: string;

  @Column({ type: 'int', default: 2 })
  maxOpenAssignments: number;

  /** Offers per week a volunteer wants at most; protects against being asked too often. */
  @Column({ type: 'int', default: 3 })
  maxOffersPerWeek: number;

  /** For categories with a minimum age (e.g. driving, interpreting); optional otherwise. */
  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  /** Optional, for the statistics only (new volunteers by gender); null = not given. */
  @Column({ type: 'text', nullable: true })
  gender: Gender | null;

  /** Away (holiday, illness) up to and including this date: not asked, not counted as unavailable. */
  @Column({ type: 'date', nullable: true })
  awayUntil: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: VolunteerStatus;

  /** Extended criminal-record certificate (eFZ): only when and by whom it was seen, never a copy. */
  @Column({ type: 'date', nullable: true })
  certificateInspectedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  certificateInspectedBy: string | null;

  /** 'daily-digest' batches offers into one email a day; everything else is sent as it happens. */
  @Column({ type: 'text', default: 'immediate' })
  offerDelivery: OfferDelivery;

  /** "HH:MM-HH:MM" Europe/Berlin, no email in this window (delayed, not dropped); null = none. */
  @Column({ type: 'text', nullable: true, default: '21:00-08:00' })
  quietHours: string | null;

  /** Double opt-in: set once the volunteer confirmed the address (or staff verified it in person). Offers need it. */
  @Column({ type: 'timestamptz', nullable: true })
  emailConfirmedAt: Date | null;

  /** Set when the volunteer deleted their account: personal data erased, the row kept for statistics. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  /**
   * Carried by every signed link sent to the volunteer; a link with an older version is refused.
   * Raised on erasure, on the volunteer's request and by staff, to revoke all earlier links at once.
   */
  @Column({ type: 'int', default: 1 })
  linkVersion: number;

  /** German by default; the language of emails to this volunteer (any public locale of the catalogue). */
  @Column({ type: 'text', default: 'de' })
  locale: string;

  /** When the welcome email was queued (on the first activation; never again). */
  @Column({ type: 'timestamptz', nullable: true })
  welcomeSentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
