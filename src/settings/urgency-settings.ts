import { isValidClock, isWeekday, parseClock, type WeeklySlot } from '../shared/schedule';
import { workingDayMinutes, workingMinutesBetween } from '../shared/working-time';

/**
 * How long a request of each urgency may wait for staff before Heute highlights it, and the
 * agency's opening hours, in which waiting time is counted (none set: calendar time).
 */
/** A request's urgency (help_request.urgency); spelled out here so settings need not import the requests feature. */
export type Urgency = 'high' | 'normal' | 'low';

export interface UrgencyThreshold {
  amount: number;
  /** Hours count working hours; days count working days (an average opening day, or 24 h without opening hours). */
  unit: 'hours' | 'days';
}

export interface UrgencySettings {
  thresholds: Record<Urgency, UrgencyThreshold>;
  /** Berlin wall-clock opening hours, e.g. Mo–Fr 09:00–17:00; empty = waiting counts calendar time. */
  openingHours: WeeklySlot[];
}

export const URGENCY_SETTINGS_KEY = 'urgency';
export const THRESHOLD_UNITS = ['hours', 'days'] as const;
const URGENCY_KEYS: Urgency[] = ['high', 'normal', 'low'];
const MAX_AMOUNT: Record<UrgencyThreshold['unit'], number> = { hours: 720, days: 60 };

export const DEFAULT_URGENCY_SETTINGS: UrgencySettings = {
  thresholds: {
    high: { amount: 4, unit: 'hours' },
    normal: { amount: 2, unit: 'days' },
    low: { amount: 5, unit: 'days' },
  },
  openingHours: [],
};

export type UrgencySettingsCheck =
  { ok: true; settings: UrgencySettings } | { ok: false; errors: { field: string; message: string }[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Pure validation; a missing part (a threshold, the opening hours) keeps its current value. */
export function validateUrgencySettings(input: unknown, current: UrgencySettings): UrgencySettingsCheck {
  if (!isObject(input)) {
    return { ok: false, errors: [{ field: '', message: 'must be an object' }] };
  }
  const errors: { field: string; message: string }[] = [];
  for (const field of Object.keys(input).filter((key) => !['thresholds', 'openingHours'].includes(key))) {
    errors.push({ field, message: 'is not a setting' });
  }
  const thresholds = { ...current.thresholds };
  if (input.thresholds !== undefined) {
    if (!isObject(input.thresholds)) {
      errors.push({ field: 'thresholds', message: 'must be an object with high, normal and low' });
    } else {
      for (const key of Object.keys(input.thresholds).filter((k) => !URGENCY_KEYS.includes(k as Urgency))) {
        errors.push({ field: `thresholds.${key}`, message: 'must be high, normal or low' });
      }
      for (const urgency of URGENCY_KEYS) {
        const raw = input.thresholds[urgency];
        if (raw === undefined) {
          continue;
        }
        const field = `thresholds.${urgency}`;
        if (!isObject(raw)) {
          errors.push({ field, message: 'must be an object with amount and unit' });
          continue;
        }
        const unit = raw.unit ?? current.thresholds[urgency].unit;
        if (unit !== 'hours' && unit !== 'days') {
          errors.push({ field: `${field}.unit`, message: 'must be hours or days' });
          continue;
        }
        const amount = raw.amount ?? current.thresholds[urgency].amount;
        if (
          typeof amount !== 'number' ||
          !Number.isInteger(amount) ||
          amount < 1 ||
          amount > MAX_AMOUNT[unit]
        ) {
          errors.push({
            field: `${field}.amount`,
            message: `must be a whole number from 1 to ${MAX_AMOUNT[unit]}`,
          });
          continue;
        }
        const extra = Object.keys(raw).filter((k) => k !== 'amount' && k !== 'unit');
        errors.push(...extra.map((k) => ({ field: `${field}.${k}`, message: 'is not a setting' })));
        thresholds[urgency] = { amount, unit };
      }
    }
  }
  let openingHours = current.openingHours;
  if (input.openingHours !== undefined) {
    const check = validateOpeningHours(input.openingHours);
    if (typeof check === 'string') {
      errors.push({ field: 'openingHours', message: check });
    } else {
      openingHours = check;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: { thresholds, openingHours } };
}

/** The opening hours as slots, or what is wrong with them. */
function validateOpeningHours(input: unknown): WeeklySlot[] | string {
  if (!Array.isArray(input) || input.length > 21) {
    return 'must be a list of at most 21 weekly slots';
  }
  const slots: WeeklySlot[] = [];
  for (const raw of input) {
    if (!isObject(raw) || typeof raw.weekday !== 'number' || !isWeekday(raw.weekday)) {
      return 'each slot needs a weekday from 1 (Monday) to 7 (Sunday)';
    }
    const { start, end } = raw;
    if (typeof start !== 'string' || typeof end !== 'string' || !isValidClock(start) || !isValidClock(end)) {
      return 'each slot needs a start and end time as HH:MM';
    }
    if ((parseClock(start) ?? 0) >= (parseClock(end) ?? 0)) {
      return 'each slot must end after it starts';
    }
    slots.push({ weekday: raw.weekday, start, end });
  }
  const sorted = [...slots].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i].weekday === sorted[i - 1].weekday && sorted[i].start < sorted[i - 1].end) {
      return 'slots on the same day must not overlap';
    }
  }
  return sorted;
}

/** The threshold in working minutes. */
export function thresholdMinutes(threshold: UrgencyThreshold, openingHours: readonly WeeklySlot[]): number {
  return threshold.unit === 'hours'
    ? threshold.amount * 60
    : threshold.amount * workingDayMinutes(openingHours);
}

/**
 * By how many working minutes a request waiting since `since` is past its urgency's threshold;
 * null when it is not (yet) overdue.
 */
export function overdueMinutes(
  since: Date,
  now: Date,
  urgency: Urgency,
  settings: UrgencySettings,
): number | null {
  const waited = workingMinutesBetween(since, now, settings.openingHours);
  const over =
    waited -
    thresholdMinutes(settings.thresholds[urgency] ?? settings.thresholds.normal, settings.openingHours);
  return over > 0 ? over : null;
}
