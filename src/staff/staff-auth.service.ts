import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DomainError } from '../shared/domain-error';
import { Semaphore } from '../shared/semaphore';
import { AuditService } from './audit.service';
import { hashPassword, needsRehash, verifyPassword } from './passwords/password-hash';
import { StaffSession } from './staff-session.entity';
import { StaffRole, StaffUser } from './staff-user.entity';

export { hashPassword } from './passwords/password-hash';

const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MINUTES = 15;
/** The idle timeout's clock is moved at most this often per session (one UPDATE a minute, not per request). */
const TOUCH_EVERY_SECONDS = 60;

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

/** Too many password checks running and waiting: the login is refused at once (503), not queued forever. */
export class LoginBusyError extends DomainError {
  constructor() {
    super('login-busy', 'too many logins at the moment; please try again in a minute');
  }
}

let dummyHash: Promise<string> | undefined;
/** A real hash to compare against when the email is unknown (computed once, lazily). */
const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('no-such-account'));

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

@Injectable()
export class StaffAuthService {
  constructor(
    @InjectRepository(StaffUser) private readonly staffUsers: Repository<StaffUser>,
    @InjectRepository(StaffSession) private readonly sessions: Repository<StaffSession>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.passwordChecks = new Semaphore(config.PASSWORD_CHECKS_CONCURRENT, config.PASSWORD_CHECKS_WAITING);
  }

  private readonly passwordChecks: Semaphore;

  async login(
    email: string,
    password: string,
  ): Promise<{ token: string; staff: AuthenticatedStaff; expiresAt: Date }> {
    // A cap on concurrent checks: each holds 32 MiB and a thread-pool thread for a while.
    const release = await this.passwordChecks.tryAcquire();
    if (!release) {
      throw new LoginBusyError();
    }
    try {
      return await this.checkAndOpenSession(email, password);
    } finally {
      release();
    }
  }

  private async checkAndOpenSession(
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
      await verifyPassword(password, await dummyPasswordHash());
      throw new InvalidCredentialsError();
    }
    const passwordMatches = await verifyPassword(password, user.passwordHash);
    if (!passwordMatches) {
      await this.countFailedLogin(user.id);
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
    const rehashed = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
    await this.staffUsers.manager.transaction(async (manager) => {
      // The lock is checked in the same statement that resets the counter: a login racing with
      // failed ones either sees the lock or came first, never a stale read.
      const [, unlocked] = await manager.query<[unknown[], number]>(
        `UPDATE staff_user SET failed_logins = 0, locked_until = NULL
           WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now()) RETURNING id`,
        [user.id],
      );
      if (unlocked === 0) {
        throw new InvalidCredentialsError();
      }
      if (rehashed) {
        await manager.update(StaffUser, user.id, { passwordHash: rehashed });
      }
      await manager.query(
        `DELETE FROM staff_session WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1)`,
        [this.config.SESSION_IDLE_MINUTES],
      );
      await manager.insert(StaffSession, { staffUserId: user.id, tokenHash: hashToken(token), expiresAt });
      await this.audit.record(
        { staffUserId: user.id, action: 'staff.logged-in', entityType: 'staff-user', entityId: user.id },
        manager,
      );
    });
    return { token, expiresAt, staff: { id: user.id, name: user.name, email: user.email, role: user.role } };
  }

  /**
   * One failed attempt, counted in one statement (row lock, no read-modify-write): the fifth within
   * the count locks the account for LOCKOUT_MINUTES. Attempts during a lock do not extend it.
   */
  private async countFailedLogin(userId: string): Promise<void> {
    await this.staffUsers.query(
      `UPDATE staff_user
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2
                                  THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
        RETURNING failed_logins`,
      [userId, MAX_FAILED_LOGINS, LOCKOUT_MINUTES],
    );
  }

  async authenticate(token: string): Promise<AuthenticatedStaff | null> {
    const row = await this.sessions
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.staffUser', 'staff')
      .where('session.token_hash = :hash', { hash: hashToken(token) })
      .andWhere('session.expires_at > now()')
      .andWhere('session.last_seen_at > now() - make_interval(mins => :idle)', {
        idle: this.config.SESSION_IDLE_MINUTES,
      })
      .getOne();
    if (!row?.staffUser) {
      return null;
    }
    await this.sessions.query(
      `UPDATE staff_session SET last_seen_at = now()
        WHERE id = $1 AND last_seen_at < now() - make_interval(secs => $2)`,
      [row.id, TOUCH_EVERY_SECONDS],
    );
    const { id, name, email, role } = row.staffUser;
    return { id, name, email, role };
  }

  /**
   * Changes one's own password after checking the current one (a wrong one counts as a failed
   * login); every other session of the account ends, the calling one stays. Audited.
   */
  async changePassword(staffId: string, currentToken: string, current: string, next: string): Promise<void> {
    const release = await this.passwordChecks.tryAcquire();
    if (!release) {
      throw new LoginBusyError();
    }
    try {
      const user = await this.staffUsers
        .createQueryBuilder('staff')
        .addSelect('staff.passwordHash')
        .where('staff.id = :id', { id: staffId })
        .getOneOrFail();
      if (!(await verifyPassword(current, user.passwordHash))) {
        await this.countFailedLogin(user.id);
        throw new InvalidCredentialsError();
      }
      const passwordHash = await hashPassword(next);
      await this.staffUsers.manager.transaction(async (manager) => {
        await manager.update(StaffUser, user.id, { passwordHash });
        await manager.query(`DELETE FROM staff_session WHERE staff_user_id = $1 AND token_hash <> $2`, [
          user.id,
          hashToken(currentToken),
        ]);
        await this.audit.record(
          {
            staffUserId: user.id,
            action: 'staff.password-changed',
            entityType: 'staff-user',
            entityId: user.id,
          },
          manager,
        );
      });
    } finally {
      release();
    }
  }

  async logout(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: hashToken(token) });
  }
}
