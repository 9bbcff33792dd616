import { Injectable } from '@nestjs/common';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencySettingsStore, type SettingsKind } from './agency-settings-store.service';
import {
  DEFAULT_PLACEMENT_SETTINGS,
  PLACEMENT_SETTINGS_KEY,
  validatePlacementSettings,
  type PlacementSettings,
} from './placement-settings';

export { DEFAULT_PLACEMENT_SETTINGS, type PlacementSettings } from './placement-settings';

const PLACEMENTS: SettingsKind<PlacementSettings> = {
  key: PLACEMENT_SETTINGS_KEY,
  defaults: DEFAULT_PLACEMENT_SETTINGS,
  check: validatePlacementSettings,
  auditAction: 'settings.placements-updated',
};

/** The placement rhythm: stuck thresholds, follow-up weeks, host reminders and review-by interval. */
@Injectable()
export class PlacementSettingsService {
  constructor(private readonly store: AgencySettingsStore) {}

  get(): Promise<PlacementSettings> {
    return this.store.read(PLACEMENTS);
  }

  update(input: unknown, staff: AuthenticatedStaff): Promise<PlacementSettings> {
    return this.store.merge(PLACEMENTS, input, staff);
  }
}
