import { addDays, berlinDateOf, berlinInstant, isoWeekday } from './berlin-time';
import { type RequestSchedule, isValidDate, isValidSchedule } from './schedule';

/**
 * The first moment the help is needed: a one-off's date and start; for weekly help the first slot
 * on or after its `from` day (or `askedAt`'s Berlin day when it has none). Null for an invalid
 * schedule. Stored as help_request.starts_at, so lists, deadlines and Heute can sort and filter on it.
 */
export function firstStartOf(schedule: RequestSchedule, askedAt: Date): Date | null {
  if (!isValidSchedule(schedule)) {
    return null;
  }
  if (schedule.kind === 'one-off') {
    return berlinInstant(schedule.date, schedule.start);
  }
  const askedDay = berlinDateOf(askedAt);
  const from =
    schedule.from !== undefined && isValidDate(schedule.from) && schedule.from > askedDay
      ? schedule.from
      : askedDay;
  for (let days = 0; days < 7; days += 1) {
    const date = addDays(from, days);
    const starts = schedule.slots
      .filter((slot) => slot.weekday === isoWeekday(date))
      .map((slot) => slot.start)
      .sort();
    if (starts.length > 0) {
      return berlinInstant(date, starts[0]);
    }
  }
  return null;
}

/** The Berlin day of the first date (YYYY-MM-DD), for "ab Di 8.12., jede Woche …". */
export function firstDateOf(schedule: RequestSchedule, askedAt: Date): string | null {
  const start = firstStartOf(schedule, askedAt);
  return start === null ? null : berlinDateOf(start);
}
