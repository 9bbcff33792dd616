import { addDays, berlinInstant, isoWeekday } from './berlin-time';
import { isValidDate } from './schedule';

/*
 * ISO weeks (Monday to Sunday) of the agency's calendar: "2026-W50", the week's Monday, and the
 * instants where the week starts and ends in Berlin (a DST week is 167 or 169 hours long).
 */

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** The Monday (YYYY-MM-DD) of the week a date falls in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** "2026-W50" for a date: the ISO year is the year of the week's Thursday. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3);
  const week = Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week ("2026-W50" → "2026-12-07"); null when there is no such week. */
export function mondayOfIsoWeek(week: string): string | null {
  const match = WEEK_PATTERN.exec(week);
  if (!match) {
    return null;
  }
  const year = Number(match[1]);
  const number = Number(match[2]);
  // Week 1 is the week with 4 January in it.
  const monday = addDays(mondayOf(`${year}-01-04`), (number - 1) * 7);
  return number >= 1 && isoWeekOf(monday) === week ? monday : null;
}

/** The week's Monday from `?week=2026-W50` or `?from=2026-12-09` (any day of it); null when neither is usable. */
export function mondayOfWeekParam(value: { week?: string; from?: string }): string | null {
  if (value.week !== undefined) {
    return mondayOfIsoWeek(value.week);
  }
  if (value.from !== undefined) {
    return isValidDate(value.from) ? mondayOf(value.from) : null;
  }
  return null;
}

/** From Monday 00:00 to the next Monday 00:00, Berlin time. */
export function weekInstants(monday: string): { start: Date; end: Date } {
  return { start: berlinInstant(monday, '00:00'), end: berlinInstant(addDays(monday, 7), '00:00') };
}
