import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A single-use set-password link; only the SHA-256 of its token is stored, so a leak is no login. */
@Entity('staff_password_link')
export class StaffPasswordLink {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'staff_password_link_pk' })
  id: string;

  @Index('staff_password_link_user_idx')
  @Column({ type: 'uuid' })
  staffUserId: string;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
