import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CONTACT_CHANNELS = ['phone', 'email', 'post'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * A person who asks for help (Hilfesuchende). Minimal by design: many have no email, so phone or
 * post is enough, and health details are only kept with explicit consent.
 */
@Entity('help_seeker')
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
