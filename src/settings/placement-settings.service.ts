import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RequestValidationError } from '../common/validation';
import type { AuditDetails } from '../staff/audit-log.entity';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencySetting } from './agency-setting.entity';
import {
  DEFAULT_PLACEMENT_SETTINGS,
  PLACEMENT_SETTINGS_KEY,
  validatePlacementSettings,
  type PlacementSettings,
} from './placement-settings';

export { DEFAULT_PLACEMENT_SETTINGS, type PlacementSettings } from './placement-settings';

/** The placement rhythm: stuck thresholds, follow-up weeks, host reminders and review-by interval. */
@Injectable()
export class PlacementSettingsService {
  constructor(
    @InjectRepository(AgencySetting) private readonly settingsRows: Repository<AgencySetting>,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<PlacementSettings> {
    const row = await this.settingsRows.findOneBy({ key: PLACEMENT_SETTINGS_KEY });
    const check = row ? validatePlacementSettings(row.value, DEFAULT_PLACEMENT_SETTINGS) : null;
    return check?.ok ? check.settings : DEFAULT_PLACEMENT_SETTINGS;
  }

  /** Merges a partial change, validated as a whole under a row lock; audited with before and after. */
  async update(input: unknown, staff: AuthenticatedStaff): Promise<PlacementSettings> {
    return this.settingsRows.manager.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO agency_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
        [PLACEMENT_SETTINGS_KEY, JSON.stringify(DEFAULT_PLACEMENT_SETTINGS)],
      );
      const row = await manager.findOne(AgencySetting, {
        where: { key: PLACEMENT_SETTINGS_KEY },
        lock: { mode: 'pessimistic_write' },
      });
      const stored = validatePlacementSettings(row?.value, DEFAULT_PLACEMENT_SETTINGS);
      const before = stored.ok ? stored.settings : DEFAULT_PLACEMENT_SETTINGS;
      const check = validatePlacementSettings(input, before);
      if (!check.ok) {
        throw new RequestValidationError(check.errors);
      }
      await manager.upsert(
        AgencySetting,
        { key: PLACEMENT_SETTINGS_KEY, value: check.settings, updatedByStaffId: staff.id },
        ['key'],
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'settings.placements-updated',
          entityType: 'agency-setting',
          entityId: PLACEMENT_SETTINGS_KEY,
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
