import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PriorityGroup } from '../shared/statistics-fields';

/** How letters and calls address the person; 'none' writes "Guten Tag <name>". */
export const SALUTATIONS = ['frau', 'herr', 'none'] as const;
export type Salutation = (typeof SALUTATIONS)[number];

/** Who calls on the person's behalf. */
export const CONTACT_PERSON_RELATIONSHIPS = [
  'relative',
  'neighbour',
  'care-service',
  'legal-guardian',
  'other',
] as const;
export type ContactPersonRelationship = (typeof CONTACT_PERSON_RELATIONSHIPS)[number];

export const CONTACT_CHANNELS = ['phone', 'email', 'post'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * A person who asks for help (Hilfesuchende). Minimal by design: many have no email, so phone or
 * post is enough, and health details are only kept with explicit consent.
 */
@Entity('help_seeker')
// The help-seekers list: name, email and phone digits by trigram, postal code, name order (AddRequestListIndexes).
@Index('help_seeker_name_trgm', { synchronize: false })
@Index('help_seeker_email_trgm', { synchronize: false })
@Index('help_seeker_phone_digits_trgm', { synchronize: false })
@Index('help_seeker_postal_code_idx', { synchronize: false })
@Index('help_seeker_name_order_idx', { synchronize: false })
export class HelpSeeker {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** Street and house number; the postal code sits on the request. */
  @Column({ type: 'text', nullable: true })
  streetAddress: string | null;

  @Column({ type: 'varchar', length: 5 })
  postalCode: string;

  @Column({ type: 'text' })
  preferredContact: ContactChannel;

  /** ISO 639 code. */
  @Column({ type: 'text', default: 'de' })
  preferredLanguage: string;

  /** E.g. "wheelchair", "hearing", "easy-language"; a health-related detail, so it needs consent. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  accessibilityNeeds: string[];

  /**
   * Optional, for the statistics only (help-seekers reached by priority group); empty = not given.
   * Never shown to volunteers or hosts.
   */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  priorityGroups: PriorityGroup[];

  @Column({ type: 'text', default: 'none' })
  salutation: Salutation;

  /** A relative, neighbour or care service who calls on the person's behalf (all three or none). */
  @Column({ type: 'text', nullable: true })
  contactPersonName: string | null;

  @Column({ type: 'text', nullable: true })
  contactPersonRelationship: ContactPersonRelationship | null;

  @Column({ type: 'text', nullable: true })
  contactPersonPhone: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
