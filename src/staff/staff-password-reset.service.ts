import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DomainError } from '../shared/domain-error';
import { AuditService } from './audit.service';
import { hashToken, isResetTokenShaped, passwordResetToken } from './passwords/account-tokens';
import { hashPassword } from './passwords/password-hash';
import { StaffPasswordReset } from './staff-password-reset.entity';
import { StaffUser } from './staff-user.entity';

/** How long a reset link works. */
export const PASSWORD_RESET_MINUTES = 60;

/** One answer for an unknown, used, expired or forged link. */
export class InvalidResetLinkError extends DomainError {
  constructor() {
    super('invalid-reset-link', 'this reset link is not valid (any more); ask for a new one', 'token');
  }
}

/** Password resets by emailed single-use link; the email itself is queued by the accounts feature. */
@Injectable()
export class StaffPasswordResetService {
  constructor(
    @InjectRepository(StaffUser) private readonly staffUsers: Repository<StaffUser>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** The active account with this email (for the reset request), or null. */
  activeAccount(email: string): Promise<Pick<StaffUser, 'id' | 'email' | 'locale'> | null> {
    return this.staffUsers
      .createQueryBuilder('staff')
      .select(['staff.id', 'staff.email', 'staff.locale'])
      .where('staff.email = :email AND staff.deactivated_at IS NULL', { email: email.trim().toLowerCase() })
      .getOne();
  }

  async accountById(
    id: string,
  ): Promise<Pick<StaffUser, 'id' | 'email' | 'locale' | 'deactivatedAt'> | null> {
    return this.staffUsers.findOne({
      select: ['id', 'email', 'locale', 'deactivatedAt'],
      where: { id },
    });
  }

  /** A new reset, in the caller's transaction (with its email); returns its id, the email's subject. */
  async create(
    manager: EntityManager,
    staffUserId: string,
    requestedByStaffId: string | null,
  ): Promise<string> {
    const id = randomUUID();
    await manager.insert(StaffPasswordReset, {
      id,
      staffUserId,
      requestedByStaffId,
      tokenHash: hashToken(passwordResetToken(this.config.LINK_SECRET, id)),
      expiresAt: new Date(Date.now() + PASSWORD_RESET_MINUTES * 60_000),
    });
    await this.audit.record(
      {
        staffUserId: requestedByStaffId,
        action: 'staff.password-reset-requested',
        entityType: 'staff-user',
        entityId: staffUserId,
        details: { byAdmin: requestedByStaffId !== null },
      },
      manager,
    );
    return id;
  }

  /** Whether the link still works (to show its form); nothing changes. */
  async isUsable(token: string): Promise<boolean> {
    if (!isResetTokenShaped(token)) {
      return false;
    }
    const [row] = await this.staffUsers.query<unknown[]>(
      `SELECT 1 FROM staff_password_reset r JOIN staff_user u ON u.id = r.staff_user_id
        WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.deactivated_at IS NULL`,
      [hashToken(token)],
    );
    return row !== undefined;
  }

  /**
   * Sets the new password and spends the link (and any other open link of the account) in one
   * transaction; every session of the account ends, the lock and a required change are lifted.
   */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    if (!isResetTokenShaped(token)) {
      throw new InvalidResetLinkError();
    }
    const passwordHash = await hashPassword(newPassword);
    await this.staffUsers.manager.transaction(async (manager) => {
      const [rows] = await manager.query<[{ staffUserId: string }[], number]>(
        `UPDATE staff_password_reset r SET used_at = now()
           FROM staff_user u
          WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now()
            AND u.id = r.staff_user_id AND u.deactivated_at IS NULL
          RETURNING r.staff_user_id AS "staffUserId"`,
        [hashToken(token)],
      );
      const staffUserId = rows[0]?.staffUserId;
      if (!staffUserId) {
        throw new InvalidResetLinkError();
      }
      await manager.query(
        `UPDATE staff_password_reset SET used_at = now() WHERE staff_user_id = $1 AND used_at IS NULL`,
        [staffUserId],
      );
      await manager.update(StaffUser, staffUserId, {
        passwordHash,
        passwordChangeRequired: false,
        failedLogins: 0,
        lockedUntil: null,
      });
      const [, sessionsEnded] = await manager.query<[unknown[], number]>(
        `DELETE FROM staff_session WHERE staff_user_id = $1`,
        [staffUserId],
      );
      await this.audit.record(
        {
          staffUserId,
          action: 'staff.password-reset',
          entityType: 'staff-user',
          entityId: staffUserId,
          details: { sessionsEnded },
        },
        manager,
      );
    });
  }
}
