import { Injectable } from '@nestjs/common';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencySettingsStore, type SettingsKind } from './agency-settings-store.service';
import {
  DEFAULT_URGENCY_SETTINGS,
  URGENCY_SETTINGS_KEY,
  validateUrgencySettings,
  type UrgencySettings,
} from './urgency-settings';

export { DEFAULT_URGENCY_SETTINGS, type UrgencySettings } from './urgency-settings';

const URGENCY: SettingsKind<UrgencySettings> = {
  key: URGENCY_SETTINGS_KEY,
  defaults: DEFAULT_URGENCY_SETTINGS,
  check: validateUrgencySettings,
  auditAction: 'settings.urgency-updated',
};

/** The urgency thresholds and opening hours Heute measures waiting requests against. */
@Injectable()
export class UrgencySettingsService {
  constructor(private readonly store: AgencySettingsStore) {}

  get(): Promise<UrgencySettings> {
    return this.store.read(URGENCY);
  }

  update(input: unknown, staff: AuthenticatedStaff): Promise<UrgencySettings> {
    return this.store.merge(URGENCY, input, staff);
  }
}
