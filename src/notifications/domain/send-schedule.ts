import { addDays, berlinInstant, berlinWallClock, clockMinutes, isoWeekday } from '../../shared/berlin-time';

/*
 * When an email may go out. Pure functions: `now` and the preferences come in, an instant comes
 * out; nothing here reads the clock or the database. Times are Europe/Berlin wall-clock times.
 */

/** A nightly window without email, e.g. 21:00–08:00; start after end means it spans midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };

/** The daily offer digest goes out at this Berlin time (after a working day's approvals). */
export const OFFER_DIGEST_TIME = '17:00';
/** Reminders go out the day before, follow-ups the day after, at this Berlin time. */
export const REMINDER_TIME = '10:00';
export const FOLLOW_UP_TIME = '10:00';
/** A weekly assignment is followed up four weeks after its first date. */
export const WEEKLY_FOLLOW_UP_DAYS = 28;

/** "21:00-08:00" (the stored form) to quiet hours; null or anything unreadable means none. */
export function parseQuietHours(value: string | null | undefined): QuietHours | null {
  const match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(value ?? '');
  if (!match || clockMinutes(match[1]) === null || clockMinutes(match[2]) === null || match[1] === match[2]) {
    return null;
  }
  return { start: match[1], end: match[2] };
}

export interface SendPreferences {
  quietHours: QuietHours | null;
}

/**
 * The earliest instant at or after `now` outside the recipient's quiet hours. A message asked for
 * during quiet hours is delayed to their end, never dropped.
 */
export function earliestSendTime(now: Date, prefs: SendPreferences): Date {
  const quiet = prefs.quietHours;
  const start = quiet ? clockMinutes(quiet.start) : null;
  const end = quiet ? clockMinutes(quiet.end) : null;
  if (start === null || end === null || start === end) {
    return now;
  }
  const { date, minutes } = berlinWallClock(now);
  const spansMidnight = start > end;
  const inside = spansMidnight ? minutes >= start || minutes < end : minutes >= start && minutes < end;
  if (!inside) {
    return now;
  }
  // Evening part of an overnight window: quiet hours end tomorrow morning.
  const endDate = spansMidnight && minutes >= start ? addDays(date, 1) : date;
  return berlinInstant(endDate, quiet!.end);
}

/** The next daily digest strictly after `now` (today's if it is still ahead, else tomorrow's). */
export function nextDigestTime(now: Date, prefs: SendPreferences, digestTime = OFFER_DIGEST_TIME): Date {
  const { date } = berlinWallClock(now);
  const today = berlinInstant(date, digestTime);
  const next = today.getTime() > now.getTime() ? today : berlinInstant(addDays(date, 1), digestTime);
  return earliestSendTime(next, prefs);
}

/** When the help is needed, as far as reminders care: a dated one-off or weekly slots. */
export type AssignmentSchedule =
  | { kind: 'one-off'; date: string; start: string; end: string }
  | { kind: 'weekly'; slots: Array<{ weekday: number; start: string; end: string }>; from?: string };

/**
 * The first date the help happens after the volunteer said yes: the one-off date, or the first
 * day on one of the weekly weekdays from tomorrow or from the request's first day (`from`),
 * whichever is later. Null when it cannot be told.
 */
export function firstAssignmentDate(schedule: AssignmentSchedule, acceptedAt: Date): string | null {
  if (schedule.kind === 'one-off') {
    return /^\d{4}-\d{2}-\d{2}$/.test(schedule.date) ? schedule.date : null;
  }
  const weekdays = new Set(schedule.slots.map((slot) => slot.weekday));
  if (weekdays.size === 0) {
    return null;
  }
  const tomorrow = addDays(berlinWallClock(acceptedAt).date, 1);
  const from =
    schedule.from !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(schedule.from) && schedule.from > tomorrow
      ? schedule.from
      : tomorrow;
  for (let days = 0; days < 7; days += 1) {
    const candidate = addDays(from, days);
    if (weekdays.has(isoWeekday(candidate))) {
      return candidate;
    }
  }
  return null;
}

/**
 * The reminder goes out the day before the first date; none when that moment has already passed
 * when the volunteer accepts (the confirmation has just told them everything).
 */
export function reminderTime(
  schedule: AssignmentSchedule,
  acceptedAt: Date,
  prefs: SendPreferences,
): Date | null {
  const first = firstAssignmentDate(schedule, acceptedAt);
  if (first === null) {
    return null;
  }
  const at = berlinInstant(addDays(first, -1), REMINDER_TIME);
  return at.getTime() > acceptedAt.getTime() ? earliestSendTime(at, prefs) : null;
}

/** The follow-up ("did it happen, how did it go?"): the day after a one-off, four weeks into a weekly one. */
export function followUpTime(
  schedule: AssignmentSchedule,
  acceptedAt: Date,
  prefs: SendPreferences,
): Date | null {
  const first = firstAssignmentDate(schedule, acceptedAt);
  if (first === null) {
    return null;
  }
  const days = schedule.kind === 'one-off' ? 1 : WEEKLY_FOLLOW_UP_DAYS;
  const at = berlinInstant(addDays(first, days), FOLLOW_UP_TIME);
  return earliestSendTime(new Date(Math.max(at.getTime(), acceptedAt.getTime())), prefs);
}
