import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RequestValidationError, type FieldError } from '../common/validation';
import type { AuditDetails } from '../staff/audit-log.entity';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencySetting } from './agency-setting.entity';

/** Merges a (possibly partial) input over `base`; every value is checked, errors name the field. */
export type SettingsCheck<T extends object> = (
  input: unknown,
  base: T,
) => { ok: true; settings: T } | { ok: false; errors: FieldError[] };

/** One kind of agency setting: its `agency_setting` row, defaults, pure check and audit action. */
export interface SettingsKind<T extends object> {
  key: string;
  defaults: T;
  check: SettingsCheck<T>;
  auditAction: string;
}

/**
 * Reads and changes the agency's settings rows, one JSON value per kind. A stored value that no
 * longer passes the check (e.g. after a change in code) falls back to the defaults.
 */
@Injectable()
export class AgencySettingsStore {
  constructor(
    @InjectRepository(AgencySetting) private readonly settingsRows: Repository<AgencySetting>,
    private readonly audit: AuditService,
  ) {}

  async read<T extends object>(kind: SettingsKind<T>): Promise<T> {
    const row = await this.settingsRows.findOneBy({ key: kind.key });
    const check = row ? kind.check(row.value, kind.defaults) : null;
    return check?.ok ? check.settings : kind.defaults;
  }

  /**
   * Merges a partial change, checked as a whole under a row lock so no concurrent change is lost;
   * a wrong field is named in the error and nothing is stored. Audited with before and after.
   */
  async merge<T extends object>(
    kind: SettingsKind<T>,
    input: unknown,
    staff: AuthenticatedStaff,
  ): Promise<T> {
    return this.settingsRows.manager.transaction(async (manager) => {
      // Make sure the row exists, so there is something to lock even on the first change.
      await manager.query(
        `INSERT INTO agency_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
        [kind.key, JSON.stringify(kind.defaults)],
      );
      const row = await manager.findOne(AgencySetting, {
        where: { key: kind.key },
        lock: { mode: 'pessimistic_write' },
      });
      const stored = kind.check(row?.value, kind.defaults);
      const before = stored.ok ? stored.settings : kind.defaults;
      const check = kind.check(input, before);
      if (!check.ok) {
        throw new RequestValidationError(check.errors);
      }
      await manager.upsert(
        AgencySetting,
        { key: kind.key, value: check.settings, updatedByStaffId: staff.id },
        ['key'],
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: kind.auditAction,
          entityType: 'agency-setting',
          entityId: kind.key,
          details: { before: asDetails(before), after: asDetails(check.settings) },
        },
        manager,
      );
      return check.settings;
    });
  }
}

function asDetails(settings: unknown): AuditDetails {
  return JSON.parse(JSON.stringify(settings)) as AuditDetails;
}
