import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const STAFF_ROLES = ['admin', 'coordinator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

@Entity('staff_user')
export class StaffUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true })
  email: string;

  /** scrypt (`scrypt$N$r$p$salt$hash`), or an old bcrypt hash until its owner's next login. */
  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  role: StaffRole;

  @Column({ type: 'int', default: 0 })
  failedLogins: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Set while the account is deactivated: no login, no session. */
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  /** An admin set the password: it must be changed before anything else. */
  @Column({ type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  /** Language of this staff member's emails (a staff locale). */
  @Column({ type: 'text', default: 'de' })
  locale: string;

  /** TOTP secret, encrypted (see passwords/secret-box.ts); set but not enabled while enrolling. */
  @Column({ type: 'text', nullable: true, select: false })
  totpSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /** The TOTP step of the last accepted code (bigint, as text): no code is accepted twice. */
  @Column({ type: 'bigint', nullable: true, select: false })
  totpLastStep: string | null;

  /** SHA-256 hashes of the unused recovery codes; each is removed when used. */
  @Column({ type: 'text', array: true, default: () => "'{}'", select: false })
  recoveryCodeHashes: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
