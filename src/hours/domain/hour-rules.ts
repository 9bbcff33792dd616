import { addDays, isoWeekday } from '../../shared/berlin-time';

/*
 * The rules for an hour entry, pure so they can be tested without a database.
 *
 * - The day: a calendar date (YYYY-MM-DD, Berlin), not in the future and at most
 *   HOURS_MAX_AGE_DAYS back (a year plus a month of slack for the annual proof).
 * - The duration: whole minutes from 1 to 1440 (a day). Free minutes, not 15-minute steps:
 *   a visit of 50 minutes is 50 minutes; the forms offer hours and minutes.
 * - The activity: optional words, at most HOURS_ACTIVITY_MAX characters, trimmed.
 * - What it belongs to: the volunteer's own accepted assignment (match), their placement that
 *   started (or has ended), or "general" (the agency itself: an event, an office shift).
 */

export const HOURS_MAX_AGE_DAYS = 400;
export const HOURS_MAX_MINUTES = 1440;
export const HOURS_ACTIVITY_MAX = 200;

/** What an entry belongs to, as the forms post it: `match:<uuid>`, `placement:<uuid>` or `general`. */
export type HourTarget =
  { kind: 'match'; id: string } | { kind: 'placement'; id: string } | { kind: 'general' };

export type HourProblemCode =
  | 'date-invalid'
  | 'date-future'
  | 'date-too-old'
  | 'minutes-invalid'
  | 'activity-too-long'
  | 'target-invalid';

export interface HourProblem {
  field: 'workedOn' | 'minutes' | 'activity' | 'target';
  code: HourProblemCode;
}

export interface HourInput {
  workedOn: string;
  minutes: number;
  activity: string | null;
  target: HourTarget;
}

export type HourInputCheck = { ok: true; value: HourInput } | { ok: false; problems: HourProblem[] };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  const parts = DATE.exec(value);
  if (!parts) {
    return false;
  }
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function parseTarget(value: unknown): HourTarget | null {
  if (value === 'general') {
    return { kind: 'general' };
  }
  if (typeof value !== 'string') {
    return null;
  }
  const [kind, id, ...rest] = value.split(':');
  if (rest.length > 0 || !UUID.test(id ?? '') || (kind !== 'match' && kind !== 'placement')) {
    return null;
  }
  return { kind, id };
}

export const targetValue = (target: HourTarget): string =>
  target.kind === 'general' ? 'general' : `${target.kind}:${target.id}`;

/** Minutes from a number, or a form's hours and minutes fields ("1", "30"). */
export function minutesOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\d{1,5}$/.test(value.trim())) {
    return Number(value.trim());
  }
  return null;
}

export function checkMinutes(minutes: unknown): minutes is number {
  return (
    typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && minutes <= HOURS_MAX_MINUTES
  );
}

/** Checks a whole entry against `today` (Berlin date); every problem is named by its field. */
export function checkHourInput(
  raw: { workedOn: unknown; minutes: unknown; activity: unknown; target: unknown },
  today: string,
): HourInputCheck {
  const problems: HourProblem[] = [];
  if (!isCalendarDate(raw.workedOn)) {
    problems.push({ field: 'workedOn', code: 'date-invalid' });
  } else if (raw.workedOn > today) {
    problems.push({ field: 'workedOn', code: 'date-future' });
  } else if (raw.workedOn < addDays(today, -HOURS_MAX_AGE_DAYS)) {
    problems.push({ field: 'workedOn', code: 'date-too-old' });
  }
  if (!checkMinutes(raw.minutes)) {
    problems.push({ field: 'minutes', code: 'minutes-invalid' });
  }
  let activity: string | null = null;
  if (raw.activity !== undefined && raw.activity !== null) {
    if (typeof raw.activity !== 'string' || raw.activity.trim().length > HOURS_ACTIVITY_MAX) {
      problems.push({ field: 'activity', code: 'activity-too-long' });
    } else {
      activity = raw.activity.trim() || null;
    }
  }
  const target = parseTarget(raw.target);
  if (!target) {
    problems.push({ field: 'target', code: 'target-invalid' });
  }
  if (problems.length > 0 || !target) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    value: { workedOn: raw.workedOn as string, minutes: raw.minutes as number, activity, target },
  };
}

/**
 * "Wie immer": the latest day on or before `today` on which weekly help falls (ISO weekdays of its
 * slots), not before `from` (the assignment's or placement's start). Null when none.
 */
export function latestOccurrence(weekdays: number[], today: string, from: string | null): string | null {
  const days = new Set(weekdays);
  if (days.size === 0) {
    return null;
  }
  for (let back = 0; back < 7; back++) {
    const day = addDays(today, -back);
    if (days.has(isoWeekday(day))) {
      return from !== null && day < from ? null : day;
    }
  }
  return null;
}

export interface TotalRow {
  year: number;
  key: string;
  minutes: number;
}

/** Approved minutes per year and per key (activity or assignment), years newest first. */
export function totalsByYear(
  entries: { workedOn: string; minutes: number; key: string }[],
): { year: number; minutes: number; byKey: { key: string; minutes: number }[] }[] {
  const years = new Map<number, Map<string, number>>();
  for (const entry of entries) {
    const year = Number(entry.workedOn.slice(0, 4));
    const keys = years.get(year) ?? new Map<string, number>();
    keys.set(entry.key, (keys.get(entry.key) ?? 0) + entry.minutes);
    years.set(year, keys);
  }
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, keys]) => ({
      year,
      minutes: [...keys.values()].reduce((sum, minutes) => sum + minutes, 0),
      byKey: [...keys.entries()]
        .map(([key, minutes]) => ({ key, minutes }))
        .sort((a, b) => b.minutes - a.minutes || a.key.localeCompare(b.key)),
    }));
}

/** "3:05" style: hours and minutes, for tables (minutes always two digits). */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/** A period for the proof: a year, or from/to dates; to ≥ from, at most 5 years. */
export function proofPeriod(
  query: { year?: unknown; from?: unknown; to?: unknown },
  today: string,
): { from: string; to: string } | null {
  if (query.from !== undefined || query.to !== undefined) {
    if (!isCalendarDate(query.from) || !isCalendarDate(query.to) || query.to < query.from) {
      return null;
    }
    if (addDays(query.from, 5 * 366) < query.to) {
      return null;
    }
    return { from: query.from, to: query.to };
  }
  const year = query.year === undefined ? Number(today.slice(0, 4)) : Number(query.year);
  if (
    !Number.isInteger(year) ||
    year < 2000 ||
    year > 2100 ||
    (typeof query.year === 'string' && !/^\d{4}$/.test(query.year))
  ) {
    return null;
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
