/**
 * The agency's rhythm for placements and opportunities: when a placement is stuck at a stage,
 * when both sides get the follow-up question, when a host is reminded of a proposal it has not
 * answered, how often hosts confirm their offers, and whether host submissions are reviewed.
 * Stored as one agency_setting row; missing keys take the defaults.
 */
export interface PlacementSettings {
  /** Days a placement may wait at each open stage before Heute lists it as stuck. */
  stuckAfterDays: Record<StuckStage, number>;
  /** Weeks after "started" the follow-up question goes to volunteer and host (DOMAIN.md: 8–12). */
  followUpWeeks: number;
  /** Days a proposal may wait for the host's "contacted" before the host is reminded. */
  hostReminderDays: number;
  /** Months between a host's confirmations that an offer is still current (bagfa: 3). */
  reviewIntervalMonths: number;
  /** Days before the review-by date the host is reminded. */
  reviewReminderDays: number;
  /** Opportunities hosts submit wait for staff review before they are published. */
  reviewHostSubmissions: boolean;
}

/** The open stages before "started", spelled here: settings must not import the placements feature. */
export type StuckStage = 'interested' | 'advised' | 'proposed' | 'host-contacted' | 'trial';

export const PLACEMENT_SETTINGS_KEY = 'placements';

export const DEFAULT_PLACEMENT_SETTINGS: PlacementSettings = {
  stuckAfterDays: { interested: 7, advised: 7, proposed: 10, 'host-contacted': 14, trial: 21 },
  followUpWeeks: 10,
  hostReminderDays: 7,
  reviewIntervalMonths: 3,
  reviewReminderDays: 14,
  reviewHostSubmissions: true,
};

export type PlacementSettingsCheck =
  { ok: true; settings: PlacementSettings } | { ok: false; errors: { field: string; message: string }[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const LIMITS: Record<
  'followUpWeeks' | 'hostReminderDays' | 'reviewIntervalMonths' | 'reviewReminderDays',
  [number, number]
> = {
  followUpWeeks: [1, 52],
  hostReminderDays: [1, 60],
  reviewIntervalMonths: [1, 12],
  reviewReminderDays: [1, 60],
};

/** Merges `input` (possibly partial) over `base`; every value is checked, errors name the field. */
export function validatePlacementSettings(input: unknown, base: PlacementSettings): PlacementSettingsCheck {
  if (!isObject(input)) {
    return { ok: false, errors: [{ field: 'settings', message: 'must be an object' }] };
  }
  const errors: { field: string; message: string }[] = [];
  const settings: PlacementSettings = structuredClone(base);
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (key === 'stuckAfterDays') {
      if (!isObject(value)) {
        errors.push({ field: key, message: 'must be an object of days per stage' });
        continue;
      }
      for (const [stage, days] of Object.entries(value)) {
        if (!(stage in settings.stuckAfterDays)) {
          errors.push({ field: `stuckAfterDays.${stage}`, message: 'is not a stage that can be stuck' });
        } else if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 365) {
          errors.push({
            field: `stuckAfterDays.${stage}`,
            message: 'must be a whole number of days from 1 to 365',
          });
        } else {
          settings.stuckAfterDays[stage as keyof PlacementSettings['stuckAfterDays']] = days as number;
        }
      }
    } else if (key === 'reviewHostSubmissions') {
      if (typeof value !== 'boolean') {
        errors.push({ field: key, message: 'must be true or false' });
      } else {
        settings.reviewHostSubmissions = value;
      }
    } else if (key in LIMITS) {
      const [min, max] = LIMITS[key as keyof typeof LIMITS];
      if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
        errors.push({ field: key, message: `must be a whole number from ${min} to ${max}` });
      } else {
        settings[key as keyof typeof LIMITS] = value as number;
      }
    } else {
      errors.push({ field: key, message: 'is not a placement setting' });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, settings };
}
