import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Located } from '../common/located';

/** A host organisation (Träger, Einsatzstelle) that offers or needs help. */
@Entity('provider')
export class Provider extends Located {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  contactPerson: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text' })
  streetAddress: string;

  /** Keys of the field-of-activity taxonomy (Tätigkeitsfelder), e.g. "SEN". */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fieldsOfActivity: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Signed up on the public page: `pending` until staff have reviewed it (then `approved`, and active). */
  @Column({ type: 'text', default: 'approved' })
  reviewStatus: 'pending' | 'approved';

  /** Raised to revoke every host link sent before (see src/shared/signed-links.ts). */
  @Column({ type: 'int', default: 1 })
  linkVersion: number;

  /** A public locale of the catalogue: the language of the host contact's emails and host page. */
  @Column({ type: 'text', default: 'de' })
  locale: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
