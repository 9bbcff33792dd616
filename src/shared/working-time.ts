import { addDays, berlinDateOf, berlinInstant, isoWeekday } from './berlin-time';
import type { WeeklySlot } from './schedule';

/*
 * Waiting time in an agency's working time. Opening hours are Berlin wall-clock slots ("Mo 9–17"),
 * like every other weekly time in nahbar, so a DST change never moves them; each day's slot is
 * turned into its real instants for that date, so a slot on the night of a change is an hour
 * shorter or longer, exactly as the clock on the office wall says.
 */

const MINUTE = 60_000;

/** The instant a slot edge names on a date; "24:00" is the next day's midnight. */
function edge(date: string, time: string): Date {
  return time === '24:00' ? berlinInstant(addDays(date, 1), '00:00') : berlinInstant(date, time);
}

/**
 * Whole minutes between `from` and `to` that fall inside the opening hours. Without opening hours
 * (an empty list) every minute counts: calendar time. Zero when `to` is not after `from`.
 */
export function workingMinutesBetween(from: Date, to: Date, openingHours: readonly WeeklySlot[]): number {
  const start = from.getTime();
  const end = to.getTime();
  if (!(end > start)) {
    return 0;
  }
  if (openingHours.length === 0) {
    return Math.floor((end - start) / MINUTE);
  }
  let total = 0;
  const lastDay = berlinDateOf(to);
  for (let day = berlinDateOf(from); day <= lastDay; day = addDays(day, 1)) {
    const weekday = isoWeekday(day);
    for (const slot of openingHours) {
      if (slot.weekday !== weekday) {
        continue;
      }
      const open = Math.max(edge(day, slot.start).getTime(), start);
      const close = Math.min(edge(day, slot.end).getTime(), end);
      if (close > open) {
        total += close - open;
      }
    }
  }
  return Math.floor(total / MINUTE);
}

/** The length of an average opening day in minutes (a "working day"); a calendar day without opening hours. */
export function workingDayMinutes(openingHours: readonly WeeklySlot[]): number {
  if (openingHours.length === 0) {
    return 24 * 60;
  }
  const minutesOf = (time: string) => {
    const [hours, minutes] = time.split(':').map(Number);
    return hours * 60 + minutes;
  };
  const total = openingHours.reduce((sum, slot) => sum + minutesOf(slot.end) - minutesOf(slot.start), 0);
  const days = new Set(openingHours.map((slot) => slot.weekday)).size;
  return Math.round(total / days);
}
