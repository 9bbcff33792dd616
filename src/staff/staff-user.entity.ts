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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
