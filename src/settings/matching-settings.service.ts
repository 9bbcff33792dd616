import { Injectable } from '@nestjs/common';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencySettingsStore, type SettingsKind } from './agency-settings-store.service';
import {
  DEFAULT_MATCHING_SETTINGS,
  MATCHING_SETTINGS_KEY,
  MatchingSettings,
  validateMatchingSettings,
} from './matching-settings';

// The settings' shape and defaults, for features that read them through this service.
export { DEFAULT_MATCHING_SETTINGS, type MatchingSettings } from './matching-settings';

const MATCHING: SettingsKind<MatchingSettings> = {
  key: MATCHING_SETTINGS_KEY,
  defaults: DEFAULT_MATCHING_SETTINGS,
  check: validateMatchingSettings,
  auditAction: 'settings.matching-updated',
};

/** Workers read settings this often at most; a change reaches every process within that time. */
const CACHE_MS = 5000;

@Injectable()
export class MatchingSettingsService {
  private cached?: { settings: MatchingSettings; until: number };

  constructor(private readonly store: AgencySettingsStore) {}

  async get(): Promise<MatchingSettings> {
    if (this.cached && this.cached.until > Date.now()) {
      return this.cached.settings;
    }
    const settings = await this.store.read(MATCHING);
    this.cached = { settings, until: Date.now() + CACHE_MS };
    return settings;
  }

  /** Merges a partial change (checked as a whole, audited); every process sees it within CACHE_MS. */
  async update(input: unknown, staff: AuthenticatedStaff): Promise<MatchingSettings> {
    const settings = await this.store.merge(MATCHING, input, staff);
    this.cached = undefined;
    return settings;
  }
}
