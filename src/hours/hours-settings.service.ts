import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestValidationError } from '../common/validation';
import { AgencySetting } from '../settings/agency-setting.entity';
import type { AuditDetails } from '../staff/audit-log.entity';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import {
  DEFAULT_HOURS_SETTINGS,
  HOURS_SETTINGS_KEY,
  validateHoursSettings,
  type HoursSettings,
} from './domain/hours-settings';

/** The Engagementkarte threshold (agency_setting `hours`); read by the proof, edited by admins. */
@Injectable()
export class HoursSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<HoursSettings> {
    const row = await this.dataSource.getRepository(AgencySetting).findOneBy({ key: HOURS_SETTINGS_KEY });
    const check = row ? validateHoursSettings(row.value, DEFAULT_HOURS_SETTINGS) : null;
    return check?.ok ? check.settings : DEFAULT_HOURS_SETTINGS;
  }

  /** Merges a partial change, validated as a whole under a row lock; audited with before and after. */
  async update(input: unknown, staff: AuthenticatedStaff): Promise<HoursSettings> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO agency_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
        [HOURS_SETTINGS_KEY, JSON.stringify(DEFAULT_HOURS_SETTINGS)],
      );
      const row = await manager.findOne(AgencySetting, {
        where: { key: HOURS_SETTINGS_KEY },
        lock: { mode: 'pessimistic_write' },
      });
      const stored = validateHoursSettings(row?.value, DEFAULT_HOURS_SETTINGS);
      const before = stored.ok ? stored.settings : DEFAULT_HOURS_SETTINGS;
      const check = validateHoursSettings(input, before);
      if (!check.ok) {
        throw new RequestValidationError(check.errors);
      }
      await manager.upsert(
        AgencySetting,
        { key: HOURS_SETTINGS_KEY, value: check.settings, updatedByStaffId: staff.id },
        ['key'],
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'hours.settings-updated',
          entityType: 'agency-setting',
          entityId: HOURS_SETTINGS_KEY,
          details: { before: { ...before } as AuditDetails, after: { ...check.settings } as AuditDetails },
        },
        manager,
      );
      return check.settings;
    });
  }
}
