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

/** A logged-in staff session; only the SHA-256 of the token is stored, so a database leak is no login. */
@Entity('staff_session')
export class StaffSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('staff_session_user_idx')
  @Column({ type: 'uuid' })
  staffUserId: string;

  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'staff_session_user_fk' })
  staffUser?: StaffUser;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @Index('staff_session_expires_idx')
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Password checked, TOTP code not yet: this session may only send the code (or log out). */
  @Column({ type: 'boolean', default: false })
  secondFactorPending: boolean;

  /** The last request's time, touched at most once a minute; the idle timeout counts from here. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
