import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DomainError } from '../shared/domain-error';
import { Semaphore } from '../shared/semaphore';
import { AuditService } from './audit.service';
import { hashPassword, needsRehash, verifyPassword } from './passwords/password-hash';
import { hashRecoveryCode, hashToken, openSecret } from './passwords/account-tokens';
import { verifyTotp } from './passwords/totp';
import { StaffSession } from './staff-session.entity';
import { StaffRole, StaffUser } from './staff-user.entity';

export { hashPassword } from './passwords/password-hash';

const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MINUTES = 15;
/** The idle timeout's clock is moved at most this often per session (one UPDATE a minute, not per request). */
const TOUCH_EVERY_SECONDS = 60;

/**
 * What a session may do before it is a full one: send the TOTP code after the password, change an
 * admin-set first password, or enrol in two-factor when the agency requires it.
 */
export const SESSION_RESTRICTIONS = ['second-factor', 'password-change', 'two-factor-enrolment'] as const;
export type SessionRestriction = (typeof SESSION_RESTRICTIONS)[number];

export interface AuthenticatedStaff {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  /** Set while the session may only do the one thing it names (see SESSION_RESTRICTIONS). */
  restriction?: SessionRestriction | null;
}

/** The agency's staff-security setting (agency_setting key owned by staff). */
export const STAFF_SECURITY_KEY = 'staff-security';

/** A restricted session called anything else: 403 with a code saying what to do first. */
export class SessionRestrictedError extends DomainError {
  constructor(readonly restriction: SessionRestriction) {
    super(
      `${restriction}-required`,
      restriction === 'second-factor'
        ? 'send the two-factor code first (POST /api/staff/session/second-factor)'
        : restriction === 'password-change'
          ? 'change the password first (PUT /api/staff/session/password)'
          : 'two-factor authentication is required: enrol first (POST /api/staff/account/two-factor)',
    );
  }
}

/** A wrong or already used TOTP or recovery code. */
export class InvalidSecondFactorError extends DomainError {
  constructor() {
    super('invalid-code', 'the code is wrong or was used already', 'code');
  }
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

export interface LoginResult {
  token: string;
  staff: AuthenticatedStaff;
  expiresAt: Date;
  /** The account has TOTP: the session can only send the code until it is accepted. */
  secondFactorRequired: boolean;
}

interface SessionRow {
  sessionId: string;
  secondFactorPending: boolean;
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  passwordChangeRequired: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
}

let dummyHash: Promise<string> | undefined;
/** A real hash to compare against when the email is unknown (computed once, lazily). */
const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('no-such-account'));

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

  async login(email: string, password: string): Promise<LoginResult> {
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

  private async checkAndOpenSession(email: string, password: string): Promise<LoginResult> {
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
    if (user.deactivatedAt) {
      // Same answer as a wrong password: a deactivated account is no login, whatever the password.
      throw new InvalidCredentialsError();
    }
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
    const secondFactorPending = user.totpEnabledAt !== null;
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
      await manager.insert(StaffSession, {
        staffUserId: user.id,
        tokenHash: hashToken(token),
        expiresAt,
        secondFactorPending,
      });
      await this.audit.record(
        {
          staffUserId: user.id,
          action: secondFactorPending ? 'staff.password-accepted' : 'staff.logged-in',
          entityType: 'staff-user',
          entityId: user.id,
        },
        manager,
      );
    });
    const staff = await this.authenticate(token);
    if (!staff) {
      throw new InvalidCredentialsError();
    }
    return { token, expiresAt, staff, secondFactorRequired: secondFactorPending };
  }

  /**
   * The second login step: a TOTP code (each step accepted once) or an unused recovery code (then
   * spent). A wrong code counts like a wrong password towards the lockout.
   */
  async verifySecondFactor(token: string, code: string): Promise<AuthenticatedStaff> {
    const session = await this.sessions.findOneBy({ tokenHash: hashToken(token), secondFactorPending: true });
    if (!session) {
      throw new InvalidSecondFactorError();
    }
    const accepted = await this.useSecondFactor(session.staffUserId, code);
    if (!accepted) {
      await this.countFailedLogin(session.staffUserId);
      await this.audit.record({
        staffUserId: session.staffUserId,
        action: 'staff.second-factor-failed',
        entityType: 'staff-user',
        entityId: session.staffUserId,
      });
      throw new InvalidSecondFactorError();
    }
    await this.sessions.manager.transaction(async (manager) => {
      // The lock holds here too: a locked account's pending session does not become a full one.
      const [, unlocked] = await manager.query<[unknown[], number]>(
        `UPDATE staff_user SET failed_logins = 0
           WHERE id = $1 AND deactivated_at IS NULL AND (locked_until IS NULL OR locked_until <= now())
           RETURNING id`,
        [session.staffUserId],
      );
      if (unlocked === 0) {
        throw new InvalidSecondFactorError();
      }
      await manager.update(StaffSession, session.id, { secondFactorPending: false });
      await this.audit.record(
        {
          staffUserId: session.staffUserId,
          action: 'staff.logged-in',
          entityType: 'staff-user',
          entityId: session.staffUserId,
          details: { secondFactor: accepted },
        },
        manager,
      );
    });
    const staff = await this.authenticate(token);
    if (!staff) {
      throw new InvalidSecondFactorError();
    }
    return staff;
  }

  /** Checks and spends a TOTP or recovery code of an enrolled account; which kind it was, or null. */
  async useSecondFactor(staffId: string, code: string): Promise<'totp' | 'recovery-code' | null> {
    const user = await this.staffUsers
      .createQueryBuilder('staff')
      .addSelect(['staff.totpSecret', 'staff.totpLastStep'])
      .where('staff.id = :id', { id: staffId })
      .getOne();
    if (!user?.totpSecret || !user.totpEnabledAt) {
      return null;
    }
    const secret = openSecret(user.totpSecret, this.config.LINK_SECRET);
    const lastStep = user.totpLastStep === null ? null : Number(user.totpLastStep);
    const step = verifyTotp(secret, code, Date.now(), lastStep);
    if (step !== null) {
      // Compare-and-set: two requests with the same code cannot both pass.
      const [, updated] = await this.staffUsers.query<[unknown[], number]>(
        `UPDATE staff_user SET totp_last_step = $2
          WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
        [staffId, step],
      );
      return updated === 1 ? 'totp' : null;
    }
    const [, spent] = await this.staffUsers.query<[unknown[], number]>(
      `UPDATE staff_user SET recovery_code_hashes = array_remove(recovery_code_hashes, $2)
        WHERE id = $1 AND $2 = ANY(recovery_code_hashes) RETURNING id`,
      [staffId, hashRecoveryCode(code)],
    );
    return spent === 1 ? 'recovery-code' : null;
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

  /**
   * The staff member of a live session (not expired, not idle, account active), with what the
   * session may do: restricted until the second factor, a required password change or a required
   * two-factor enrolment is done.
   */
  async authenticate(token: string): Promise<AuthenticatedStaff | null> {
    const [row] = await this.sessions.query<SessionRow[]>(
      `SELECT s.id AS "sessionId", s.second_factor_pending AS "secondFactorPending",
              u.id, u.name, u.email, u.role, u.password_change_required AS "passwordChangeRequired",
              u.totp_enabled_at IS NOT NULL AS "totpEnabled",
              COALESCE((a.value ->> 'totpRequired')::boolean, false) AS "totpRequired"
         FROM staff_session s
         JOIN staff_user u ON u.id = s.staff_user_id AND u.deactivated_at IS NULL
         LEFT JOIN agency_setting a ON a.key = $3
        WHERE s.token_hash = $1 AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2)`,
      [hashToken(token), this.config.SESSION_IDLE_MINUTES, STAFF_SECURITY_KEY],
    );
    if (!row) {
      return null;
    }
    await this.sessions.query(
      `UPDATE staff_session SET last_seen_at = now()
        WHERE id = $1 AND last_seen_at < now() - make_interval(secs => $2)`,
      [row.sessionId, TOUCH_EVERY_SECONDS],
    );
    const restriction: SessionRestriction | null = row.secondFactorPending
      ? 'second-factor'
      : row.passwordChangeRequired
        ? 'password-change'
        : row.totpRequired && !row.totpEnabled
          ? 'two-factor-enrolment'
          : null;
    // Only a restricted session carries the field, so a full session's shape stays as it was.
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      ...(restriction ? { restriction } : {}),
    };
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
        await manager.update(StaffUser, user.id, { passwordHash, passwordChangeRequired: false });
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
