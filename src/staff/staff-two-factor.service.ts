import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ConflictError } from '../shared/domain-error';
import { AuditService } from './audit.service';
import { hashRecoveryCode, newRecoveryCodes, openSecret, sealSecret } from './passwords/account-tokens';
import { newTotpSecret, otpauthUri, verifyTotp } from './passwords/totp';
import {
  AuthenticatedStaff,
  InvalidSecondFactorError,
  STAFF_SECURITY_KEY,
  StaffAuthService,
} from './staff-auth.service';
import { StaffUser } from './staff-user.entity';

export interface StaffSecuritySettings {
  /** Every staff member must enrol in TOTP two-factor at their next login. */
  totpRequired: boolean;
}

export interface TotpEnrolment {
  /** Base32, for typing into the app by hand. */
  secret: string;
  otpauthUri: string;
}

const ISSUER = 'nahbar';

/**
 * Optional TOTP two-factor: enrolment (a secret, confirmed by a first code, then ten recovery codes
 * shown once), switching it off, and the agency setting that requires it for all staff. The secret
 * is stored sealed (AES-GCM, key from LINK_SECRET) and never logged or shown again after enrolment.
 */
@Injectable()
export class StaffTwoFactorService {
  constructor(
    @InjectRepository(StaffUser) private readonly staffUsers: Repository<StaffUser>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: StaffAuthService,
    private readonly audit: AuditService,
  ) {}

  /** A new secret to enrol with (replacing an unconfirmed one); refused while TOTP is on. */
  async begin(staff: AuthenticatedStaff): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    const [, updated] = await this.staffUsers.query<[unknown[], number]>(
      `UPDATE staff_user SET totp_secret = $2, totp_last_step = NULL
        WHERE id = $1 AND totp_enabled_at IS NULL RETURNING id`,
      [staff.id, sealSecret(secret, this.config.LINK_SECRET)],
    );
    if (updated === 0) {
      throw new ConflictError('two-factor authentication is on already');
    }
    return { secret, otpauthUri: otpauthUri(ISSUER, staff.email, secret) };
  }

  /** The pending enrolment again (e.g. the form is shown again after a wrong code), or null. */
  async pending(staff: AuthenticatedStaff): Promise<TotpEnrolment | null> {
    const user = await this.withSecret(staff.id);
    if (!user?.totpSecret || user.totpEnabledAt) {
      return null;
    }
    const secret = openSecret(user.totpSecret, this.config.LINK_SECRET);
    return { secret, otpauthUri: otpauthUri(ISSUER, staff.email, secret) };
  }

  /** The first code proves the app has the secret: TOTP is on; returns the recovery codes (once). */
  async confirm(staff: AuthenticatedStaff, code: string): Promise<string[]> {
    const user = await this.withSecret(staff.id);
    if (!user?.totpSecret || user.totpEnabledAt) {
      throw new ConflictError('start the two-factor enrolment first');
    }
    const step = verifyTotp(openSecret(user.totpSecret, this.config.LINK_SECRET), code, Date.now());
    if (step === null) {
      throw new InvalidSecondFactorError();
    }
    const codes = newRecoveryCodes();
    await this.staffUsers.manager.transaction(async (manager) => {
      const [, updated] = await manager.query<[unknown[], number]>(
        `UPDATE staff_user SET totp_enabled_at = now(), totp_last_step = $2, recovery_code_hashes = $3
          WHERE id = $1 AND totp_enabled_at IS NULL AND totp_secret = $4 RETURNING id`,
        [staff.id, step, codes.map(hashRecoveryCode), user.totpSecret],
      );
      if (updated === 0) {
        throw new ConflictError('the enrolment changed meanwhile; start again');
      }
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'staff.two-factor-enabled',
          entityType: 'staff-user',
          entityId: staff.id,
          details: { before: { twoFactor: false }, after: { twoFactor: true } },
        },
        manager,
      );
    });
    return codes;
  }

  /** Off again, with a current code (or a recovery code); refused while the agency requires it. */
  async disable(staff: AuthenticatedStaff, code: string): Promise<void> {
    if ((await this.settings()).totpRequired) {
      throw new ConflictError('the agency requires two-factor authentication for all staff');
    }
    if (!(await this.auth.useSecondFactor(staff.id, code))) {
      throw new InvalidSecondFactorError();
    }
    await this.staffUsers.manager.transaction(async (manager) => {
      await manager.query(
        `UPDATE staff_user SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL,
                recovery_code_hashes = '{}' WHERE id = $1`,
        [staff.id],
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'staff.two-factor-disabled',
          entityType: 'staff-user',
          entityId: staff.id,
          details: { before: { twoFactor: true }, after: { twoFactor: false } },
        },
        manager,
      );
    });
  }

  async isEnabled(staffId: string): Promise<boolean> {
    return this.staffUsers.existsBy({ id: staffId, totpEnabledAt: Not(IsNull()) });
  }

  /** How many recovery codes are left (for the account page). */
  async recoveryCodesLeft(staffId: string): Promise<number> {
    const [row] = await this.staffUsers.query<{ left: number }[]>(
      `SELECT cardinality(recovery_code_hashes) AS left FROM staff_user WHERE id = $1`,
      [staffId],
    );
    return row?.left ?? 0;
  }

  async settings(): Promise<StaffSecuritySettings> {
    const [row] = await this.staffUsers.query<{ value: Partial<StaffSecuritySettings> }[]>(
      `SELECT value FROM agency_setting WHERE key = $1`,
      [STAFF_SECURITY_KEY],
    );
    return { totpRequired: row?.value?.totpRequired === true };
  }

  /** Admins only (the controller checks); audited with before and after. */
  async updateSettings(
    change: StaffSecuritySettings,
    admin: AuthenticatedStaff,
  ): Promise<StaffSecuritySettings> {
    const after: StaffSecuritySettings = { totpRequired: change.totpRequired === true };
    await this.staffUsers.manager.transaction(async (manager) => {
      const [row] = await manager.query<{ value: Partial<StaffSecuritySettings> }[]>(
        `SELECT value FROM agency_setting WHERE key = $1 FOR UPDATE`,
        [STAFF_SECURITY_KEY],
      );
      const before = { totpRequired: row?.value?.totpRequired === true };
      await manager.query(
        `INSERT INTO agency_setting (key, value, updated_by_staff_id) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = $2, updated_by_staff_id = $3, updated_at = now()`,
        [STAFF_SECURITY_KEY, JSON.stringify(after), admin.id],
      );
      await this.audit.record(
        {
          staffUserId: admin.id,
          action: 'settings.staff-security-changed',
          entityType: 'agency-setting',
          entityId: STAFF_SECURITY_KEY,
          details: { before: { ...before }, after: { ...after } },
        },
        manager,
      );
    });
    return after;
  }

  private withSecret(id: string): Promise<StaffUser | null> {
    return this.staffUsers
      .createQueryBuilder('staff')
      .addSelect('staff.totpSecret')
      .where('staff.id = :id', { id })
      .getOne();
  }
}
