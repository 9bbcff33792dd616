import { Injectable } from '@nestjs/common';
import { AgencySettingsStore, type SettingsKind } from '../settings/agency-settings-store.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import {
  DEFAULT_HOURS_SETTINGS,
  HOURS_SETTINGS_KEY,
  validateHoursSettings,
  type HoursSettings,
} from './domain/hours-settings';

const HOURS: SettingsKind<HoursSettings> = {
  key: HOURS_SETTINGS_KEY,
  defaults: DEFAULT_HOURS_SETTINGS,
  check: validateHoursSettings,
  auditAction: 'hours.settings-updated',
};

/** The Engagementkarte threshold (agency_setting `hours`); read by the proof, edited by admins. */
@Injectable()
export class HoursSettingsService {
  constructor(private readonly store: AgencySettingsStore) {}

  get(): Promise<HoursSettings> {
    return this.store.read(HOURS);
  }

  update(input: unknown, staff: AuthenticatedStaff): Promise<HoursSettings> {
    return this.store.merge(HOURS, input, staff);
  }
}
