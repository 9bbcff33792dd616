import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RequestValidationError } from '../common/validation';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencySetting } from './agency-setting.entity';
import {
  DEFAULT_MATCHING_SETTINGS,
  MATCHING_SETTINGS_KEY,
  MatchingSettings,
  validateMatchingSettings,
} from './matching-settings';

// The settings' shape and defaults, for features that read them through this service.
export { DEFAULT_MATCHING_SETTINGS, type MatchingSettings } from './matching-settings';

/** Workers read settings this often at most; a change reaches every process within that time. */
const CACHE_MS = 5000;

@Injectable()
export class MatchingSettingsService {
  private cached?: { settings: MatchingSettings; until: number };

  constructor(
    @InjectRepository(AgencySetting) private readonly settingsRows: Repository<AgencySetting>,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<MatchingSettings> {
    if (this.cached && this.cached.until > Date.now()) {
      return this.cached.settings;
    }
    const row = await this.settingsRows.findOneBy({ key: MATCHING_SETTINGS_KEY });
    // A stored value that no longer validates (e.g. after a policy change in code) falls back field by field.
    const check = row ? validateMatchingSettings(row.value, DEFAULT_MATCHING_SETTINGS) : null;
    const settings = check?.ok ? check.settings : DEFAULT_MATCHING_SETTINGS;
    this.cached = { settings, until: Date.now() + CACHE_MS };
    return settings;
  }

  /** Merges a partial change into the stored settings, under a row lock so no concurrent change is lost. */
  async update(input: unknown, staff: AuthenticatedStaff): Promise<MatchingSettings> {
    const settings = await this.settingsRows.manager.transaction(async (manager) => {
      // Make sure the row exists, so there is something to lock even on the first change.
      await manager.query(
        `INSERT INTO agency_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
        [MATCHING_SETTINGS_KEY, JSON.stringify(DEFAULT_MATCHING_SETTINGS)],
      );
      const row = await manager.findOne(AgencySetting, {
        where: { key: MATCHING_SETTINGS_KEY },
        lock: { mode: 'pessimistic_write' },
      });
      const stored = validateMatchingSettings(row?.value, DEFAULT_MATCHING_SETTINGS);
      const check = validateMatchingSettings(input, stored.ok ? stored.settings : DEFAULT_MATCHING_SETTINGS);
      if (!check.ok) {
        throw new RequestValidationError(check.errors);
      }
      await manager.upsert(
        AgencySetting,
        { key: MATCHING_SETTINGS_KEY, value: check.settings, updatedByStaffId: staff.id },
        ['key'],
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'settings.matching-updated',
          entityType: 'agency-setting',
          entityId: MATCHING_SETTINGS_KEY,
        },
        manager,
      );
      return check.settings;
    });
    this.cached = undefined;
    return settings;
  }
}
