/**
 * The agency's thresholds for cards that reward volunteering (Hamburger Engagementkarte,
 * Ehrenamtskarte in other Länder): approved hours per calendar year a volunteer needs. The proof
 * says whether the period's hours reach it. Stored as the agency_setting row `hours`.
 */
export interface HoursSettings {
  /** The card's name as printed on the proof, e.g. "Hamburger Engagementkarte". Empty: no statement. */
  cardName: string;
  /** Approved hours per calendar year the card asks for (0: no threshold). */
  hoursPerYear: number;
}

export const HOURS_SETTINGS_KEY = 'hours';

export const DEFAULT_HOURS_SETTINGS: HoursSettings = {
  cardName: 'Hamburger Engagementkarte',
  hoursPerYear: 100,
};

export type HoursSettingsCheck =
  { ok: true; settings: HoursSettings } | { ok: false; errors: { field: string; message: string }[] };

/** Merges `input` (possibly partial) over `base`; errors name the field. */
export function validateHoursSettings(input: unknown, base: HoursSettings): HoursSettingsCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: 'settings', message: 'must be an object' }] };
  }
  const errors: { field: string; message: string }[] = [];
  const settings = { ...base };
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key === 'cardName') {
      if (typeof value !== 'string' || value.trim().length > 100) {
        errors.push({ field: key, message: 'must be a text of at most 100 characters' });
      } else {
        settings.cardName = value.trim();
      }
    } else if (key === 'hoursPerYear') {
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 2000) {
        errors.push({ field: key, message: 'must be a whole number of hours from 0 to 2000' });
      } else {
        settings.hoursPerYear = value as number;
      }
    } else {
      errors.push({ field: key, message: 'is not a setting' });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** Whether approved minutes in a period reach the card's threshold; null when there is none. */
export function thresholdMet(settings: HoursSettings, approvedMinutes: number): boolean | null {
  if (settings.hoursPerYear <= 0 || settings.cardName === '') {
    return null;
  }
  return approvedMinutes >= settings.hoursPerYear * 60;
}
