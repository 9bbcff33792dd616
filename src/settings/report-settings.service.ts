import { Injectable } from '@nestjs/common';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencySettingsStore, type SettingsKind } from './agency-settings-store.service';
import {
  DEFAULT_REPORT_SETTINGS,
  REPORT_SETTINGS_KEY,
  validateReportSettings,
  type ReportSettings,
} from './report-settings';

export type { ReportSettings } from './report-settings';

const REPORTS: SettingsKind<ReportSettings> = {
  key: REPORT_SETTINGS_KEY,
  defaults: DEFAULT_REPORT_SETTINGS,
  check: validateReportSettings,
  auditAction: 'settings.reports-updated',
};

/** Whether coordinators may read the reports; admins always may. */
@Injectable()
export class ReportSettingsService {
  constructor(private readonly store: AgencySettingsStore) {}

  get(): Promise<ReportSettings> {
    return this.store.read(REPORTS);
  }

  update(input: unknown, staff: AuthenticatedStaff): Promise<ReportSettings> {
    return this.store.merge(REPORTS, input, staff);
  }

  async mayRead(role: string): Promise<boolean> {
    return role === 'admin' || (await this.get()).reportsForCoordinators;
  }
}
