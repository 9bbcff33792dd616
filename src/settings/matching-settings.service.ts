import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

/** Workers read settings this often at most; a change reaches every process within that time. */
const CACHE_MS = 5000;

@Injectable()
export class MatchingSettingsService {
  private cached?: { settings: MatchingSettings; until: number };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<MatchingSettings> {
    if (this.cached && this.cached.until > Date.now()) {
      return this.cached.settings;
    }
    const row = await this.dataSource.getRepository(AgencySetting).findOneBy({ key: MATCHING_SETTINGS_KEY });
    // A stored value that no longer validates (e.g. after a policy change in code) falls back field by field.
    const check = row ? validateMatchingSettings(row.value, DEFAULT_MATCHING_SETTINGS) : null;
    const settings = check?.ok ? check.settings : DEFAULT_MATCHING_SETTINGS;
    this.cached = { settings, until: Date.now() + CACHE_MS };
    return settings;
  }

  async update(input: unknown, staff: AuthenticatedStaff): Promise<MatchingSettings> {
    const check = validateMatchingSettings(input, await this.get());
    if (!check.ok) {
      throw new RequestValidationError(check.errors);
    }
    await this.dataSource.transaction(async (manager) => {
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
    });
    this.cached = undefined;
    return check.settings;
  }
}
