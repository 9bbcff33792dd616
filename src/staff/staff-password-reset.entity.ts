import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { StaffUser } from './staff-user.entity';

/**
 * A password reset sent by email: the link's token is derived from the id and LINK_SECRET (so the
 * email can be composed again identically), and only its SHA-256 is stored. Valid once, for an hour.
 */
@Entity('staff_password_reset')
export class StaffPasswordReset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('staff_password_reset_user_idx')
  @Column({ type: 'uuid' })
  staffUserId: string;

  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'staff_password_reset_user_fk' })
  staffUser?: StaffUser;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** The admin who sent it; null when the staff member asked on the login page. */
  @Column({ type: 'uuid', nullable: true })
  requestedByStaffId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
