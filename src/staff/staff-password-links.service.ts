import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../shared/domain-error';
import { AuditService } from './audit.service';
import { AuditLog } from './audit-log.entity';
import { hashPassword } from './passwords/password-hash';
import { StaffPasswordLink } from './staff-password-link.entity';
import { StaffRole, StaffUser } from './staff-user.entity';

/**
 * Stored as the password hash of an account that has no password yet: no known format, so
 * verifyPassword never accepts anything for it. The account is usable only through its link.
 */
export const NO_PASSWORD_YET = '!no-password-yet';

/** How long a set-password link works unless the caller says otherwise. */
export const DEFAULT_LINK_VALID_HOURS = 24;

/** The path of the console page that takes the token (`?token=`). */
export const SET_PASSWORD_PATH = '/console/set-password';

/** One answer for an unknown, used and expired link: the page need not tell them apart. */
export class PasswordLinkInvalidError extends DomainError {
  constructor() {
    super('password-link-invalid', 'this set-password link is unknown, used or expired');
  }
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssuedPasswordLink {
  staffUserId: string;
  token: string;
  expiresAt: Date;
}

/**
 * Single-use set-password links for staff: the first admin of `npm run setup`, accounts an operator
 * creates and password resets from the command line. Only the SHA-256 of a token is stored; a new
 * link for an account replaces its unused ones; using one ends all the account's sessions.
 */
@Injectable()
export class StaffPasswordLinksService {
  private readonly audit: AuditService;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    // Built here, not injected: the command-line tools use this service on a bare DataSource.
    this.audit = new AuditService(dataSource.getRepository(AuditLog));
  }

  /** A new account without a password, and its first link; an existing email is an error. */
  async createAccount(
    account: { name: string; email: string; role: StaffRole },
    validHours = DEFAULT_LINK_VALID_HOURS,
  ): Promise<IssuedPasswordLink> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.insertAccount(manager, account, NO_PASSWORD_YET);
      return this.issueWith(manager, user.id, validHours);
    });
  }

  /** A new account with a password typed at the operator's terminal (checked by the caller's policy). */
  async createAccountWithPassword(
    account: { name: string; email: string; role: StaffRole },
    password: string,
  ): Promise<string> {
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(
      async (manager) => (await this.insertAccount(manager, account, passwordHash)).id,
    );
  }

  private async insertAccount(
    manager: EntityManager,
    account: { name: string; email: string; role: StaffRole },
    passwordHash: string,
  ): Promise<StaffUser> {
    const email = account.email.trim().toLowerCase();
    if (await manager.existsBy(StaffUser, { email })) {
      throw new DomainError('email-taken', 'a staff member with this email exists already', 'email');
    }
    const user = await manager.save(
      manager.create(StaffUser, { name: account.name.trim(), email, role: account.role, passwordHash }),
    );
    // Created from the command line: no staff member did it, so the audit entry has none.
    await this.audit.record(
      {
        staffUserId: null,
        action: 'staff.created',
        entityType: 'staff-user',
        entityId: user.id,
        details: { role: account.role, by: 'command-line' },
      },
      manager,
    );
    return user;
  }

  /**
   * A new link for an existing account (earlier unused links stop working); null for an unknown
   * email, 'deactivated' for an account an admin switched off (reactivate it first, in the console).
   */
  async issueFor(
    email: string,
    validHours = DEFAULT_LINK_VALID_HOURS,
  ): Promise<IssuedPasswordLink | null | 'deactivated'> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(StaffUser, { email: email.trim().toLowerCase() });
      if (!user) {
        return null;
      }
      if (user.deactivatedAt) {
        return 'deactivated';
      }
      await this.audit.record(
        {
          staffUserId: null,
          action: 'staff.password-link-issued',
          entityType: 'staff-user',
          entityId: user.id,
          details: { by: 'command-line', validHours },
        },
        manager,
      );
      return this.issueWith(manager, user.id, validHours);
    });
  }

  /** Whether the page should show the form: the link exists, is unused and not expired. */
  async isUsable(token: string): Promise<boolean> {
    return this.dataSource
      .getRepository(StaffPasswordLink)
      .createQueryBuilder('link')
      .where('link.token_hash = :hash', { hash: hashToken(token) })
      .andWhere('link.used_at IS NULL')
      .andWhere('link.expires_at > now()')
      .getExists();
  }

  /**
   * Sets the password and uses the link up, in one transaction: the UPDATE that marks it used is
   * the check, so two submits of one link cannot both succeed. Unlocks the account and ends its
   * sessions. Returns the account's id.
   */
  async setPassword(token: string, password: string): Promise<string> {
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[{ staff_user_id: string }[], number]>(
        `UPDATE staff_password_link SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING staff_user_id`,
        [hashToken(token)],
      );
      const staffUserId = rows[0]?.staff_user_id;
      if (!staffUserId) {
        throw new PasswordLinkInvalidError();
      }
      await manager.update(StaffUser, staffUserId, { passwordHash, failedLogins: 0, lockedUntil: null });
      await manager.query(`DELETE FROM staff_session WHERE staff_user_id = $1`, [staffUserId]);
      await manager.query(`DELETE FROM staff_password_link WHERE staff_user_id = $1 AND used_at IS NULL`, [
        staffUserId,
      ]);
      await this.audit.record(
        {
          staffUserId,
          action: 'staff.password-set-by-link',
          entityType: 'staff-user',
          entityId: staffUserId,
        },
        manager,
      );
      return staffUserId;
    });
  }

  private async issueWith(
    manager: EntityManager,
    staffUserId: string,
    validHours: number,
  ): Promise<IssuedPasswordLink> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + validHours * 3600_000);
    await manager.query(`DELETE FROM staff_password_link WHERE staff_user_id = $1 AND used_at IS NULL`, [
      staffUserId,
    ]);
    await manager.insert(StaffPasswordLink, { staffUserId, tokenHash: hashToken(token), expiresAt });
    return { staffUserId, token, expiresAt };
  }
}

/** The link as printed for the operator to hand on. */
export const setPasswordUrl = (publicBaseUrl: string, token: string): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}${SET_PASSWORD_PATH}?token=${token}`;
