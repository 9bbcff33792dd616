import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DomainError } from '../shared/domain-error';
import { AuditService } from './audit.service';
import { StaffSession } from './staff-session.entity';
import { StaffRole, StaffUser } from './staff-user.entity';

const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MINUTES = 15;
const BCRYPT_ROUNDS = 12;

export interface AuthenticatedStaff {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
}

/**
 * One answer for an unknown email, a wrong password and a locked account, so the login reveals
 * neither which accounts exist nor which are locked.
 */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(
      'invalid-credentials',
      `email or password is wrong; after ${MAX_FAILED_LOGINS} failed attempts an account is locked for ${LOCKOUT_MINUTES} minutes`,
    );
  }
}

let dummyHash: Promise<string> | undefined;
/** A real hash to compare against when the email is unknown (computed once, lazily). */
const dummyPasswordHash = (): Promise<string> =>
  (dummyHash ??= bcrypt.hash('no-such-account', BCRYPT_ROUNDS));

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, BCRYPT_ROUNDS);

@Injectable()
export class StaffAuthService {
  constructor(
    @InjectRepository(StaffUser) private readonly staffUsers: Repository<StaffUser>,
    @InjectRepository(StaffSession) private readonly sessions: Repository<StaffSession>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async login(
    email: string,
    password: string,
  ): Promise<{ token: string; staff: AuthenticatedStaff; expiresAt: Date }> {
    const users = this.staffUsers;
    const user = await users
      .createQueryBuilder('staff')
      .addSelect('staff.passwordHash')
      .where('staff.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    if (!user) {
      // Spend the same time as a real check, so timing does not reveal which emails exist.
      await bcrypt.compare(password, await dummyPasswordHash());
      throw new InvalidCredentialsError();
    }
    const passwordMatches = await bcrypt.compare(password, user.passwordHash);
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new InvalidCredentialsError();
    }
    if (!passwordMatches) {
      const failedLogins = user.failedLogins + 1;
      const locked = failedLogins >= MAX_FAILED_LOGINS;
      await users.update(user.id, {
        failedLogins: locked ? 0 : failedLogins,
        lockedUntil: locked ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : user.lockedUntil,
      });
      await this.audit.record({
        staffUserId: user.id,
        action: 'staff.login-failed',
        entityType: 'staff-user',
        entityId: user.id,
      });
      throw new InvalidCredentialsError();
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3600_000);
    await this.staffUsers.manager.transaction(async (manager) => {
      await manager.update(StaffUser, user.id, { failedLogins: 0, lockedUntil: null });
      await manager.insert(StaffSession, { staffUserId: user.id, tokenHash: hashToken(token), expiresAt });
      await this.audit.record(
        { staffUserId: user.id, action: 'staff.logged-in', entityType: 'staff-user', entityId: user.id },
        manager,
      );
    });
    return { token, expiresAt, staff: { id: user.id, name: user.name, email: user.email, role: user.role } };
  }

  async authenticate(token: string): Promise<AuthenticatedStaff | null> {
    const row = await this.sessions
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.staffUser', 'staff')
      .where('session.token_hash = :hash', { hash: hashToken(token) })
      .andWhere('session.expires_at > now()')
      .getOne();
    if (!row?.staffUser) {
      return null;
    }
    const { id, name, email, role } = row.staffUser;
    return { id, name, email, role };
  }

  async logout(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: hashToken(token) });
  }
}
