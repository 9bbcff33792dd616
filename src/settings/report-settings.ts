import type { FieldError } from '../common/validation';

/** Who may read the funders' reports besides admins (issue: "coordinators too unless the agency restricts it"). */
export interface ReportSettings {
  /** Coordinators may open the reports page, its CSV and the reports API. */
  reportsForCoordinators: boolean;
}

export const REPORT_SETTINGS_KEY = 'reports';

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { reportsForCoordinators: true };

export type ReportSettingsCheck =
  { ok: true; settings: ReportSettings } | { ok: false; errors: FieldError[] };

/** Merges `input` (possibly partial) over `base`; errors name the field. */
export function validateReportSettings(input: unknown, base: ReportSettings): ReportSettingsCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: 'settings', message: 'must be an object' }] };
  }
  const errors: FieldError[] = [];
  const settings = { ...base };
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key !== 'reportsForCoordinators') {
      errors.push({ field: key, message: 'is not a report setting' });
    } else if (typeof value !== 'boolean') {
      errors.push({ field: key, message: 'must be true or false' });
    } else {
      settings.reportsForCoordinators = value;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, settings };
}
