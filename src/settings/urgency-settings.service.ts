import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RequestValidationError } from '../common/validation';
import type { AuditDetails } from '../staff/audit-log.entity';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencySetting } from './agency-setting.entity';
import {
  DEFAULT_URGENCY_SETTINGS,
  URGENCY_SETTINGS_KEY,
  validateUrgencySettings,
  type UrgencySettings,
} from './urgency-settings';

export { DEFAULT_URGENCY_SETTINGS, type UrgencySettings } from './urgency-settings';

/** The urgency thresholds and opening hours Heute measures waiting requests against. */
@Injectable()
export class UrgencySettingsService {
  constructor(
    @InjectRepository(AgencySetting) private readonly settingsRows: Repository<AgencySetting>,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<UrgencySettings> {
    const row = await this.settingsRows.findOneBy({ key: URGENCY_SETTINGS_KEY });
    const check = row ? validateUrgencySettings(row.value, DEFAULT_URGENCY_SETTINGS) : null;
    return check?.ok ? check.settings : DEFAULT_URGENCY_SETTINGS;
  }

  /** Merges a partial change, validated as a whole under a row lock; audited with before and after. */
  async update(input: unknown, staff: AuthenticatedStaff): Promise<UrgencySettings> {
    return this.settingsRows.manager.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO agency_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
        [URGENCY_SETTINGS_KEY, JSON.stringify(DEFAULT_URGENCY_SETTINGS)],
      );
      const row = await manager.findOne(AgencySetting, {
        where: { key: URGENCY_SETTINGS_KEY },
        lock: { mode: 'pessimistic_write' },
      });
      const stored = validateUrgencySettings(row?.value, DEFAULT_URGENCY_SETTINGS);
      const before = stored.ok ? stored.settings : DEFAULT_URGENCY_SETTINGS;
      const check = validateUrgencySettings(input, before);
      if (!check.ok) {
        throw new RequestValidationError(check.errors);
      }
      await manager.upsert(
        AgencySetting,
        { key: URGENCY_SETTINGS_KEY, value: check.settings, updatedByStaffId: staff.id },
        ['key'],
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'settings.urgency-updated',
          entityType: 'agency-setting',
          entityId: URGENCY_SETTINGS_KEY,
          details: {
            before: JSON.parse(JSON.stringify(before)) as AuditDetails,
            after: JSON.parse(JSON.stringify(check.settings)) as AuditDetails,
          },
        },
        manager,
      );
      return check.settings;
    });
  }
}
