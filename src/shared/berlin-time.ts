/**
 * Europe/Berlin wall-clock time <-> instants, without a date library. Pure: no clock reads (the
 * caller passes `now`). "Today", quiet hours, eligibility dates and calendar entries all speak the
 * agency's local time, so the time zone and DST are handled once, here.
 */

export const AGENCY_TIME_ZONE = 'Europe/Berlin';

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: AGENCY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** Minutes since local midnight. */
  minutes: number;
}

/**
 * The calendar date (YYYY-MM-DD) of an instant in Berlin, whatever time zone the process runs in:
 * "today" for the agency turns over at midnight in Hamburg, not at midnight UTC. Throws RangeError
 * for an invalid Date.
 */
export function berlinDateOf(instant: Date): string {
  // One ranking asks for the same instant once per candidate; the last answer is kept.
  const time = instant.getTime();
  if (lastDate?.time === time) {
    return lastDate.date;
  }
  const date = berlinWallClock(instant).date;
  lastDate = { time, date };
  return date;
}

let lastDate: { time: number; date: string } | undefined;

/** The Berlin calendar date and clock time of an instant. */
export function berlinWallClock(instant: Date): WallClock {
  const parts = Object.fromEntries(PARTS.formatToParts(instant).map((part) => [part.type, part.value]));
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${String(hour).padStart(2, '0')}:${parts.minute}`,
    minutes: hour * 60 + minute,
  };
}

/** Berlin's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(instant: number): number {
  const parts = Object.fromEntries(
    PARTS.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]),
  );
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a Berlin wall-clock time names. A time skipped by the spring change (02:30 on the
 * last Sunday of March) means the same moment an hour later; a time that happens twice in
 * October means its first occurrence.
 */
export function berlinInstant(date: string, time: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = wall - offsetAt(wall - 3 * 3600_000);
  const after = wall - offsetAt(wall + 3 * 3600_000);
  // Around a change the two candidates differ; pick the one whose own offset confirms it.
  const candidates = [before, after].filter((candidate) => candidate + offsetAt(candidate) === wall);
  if (candidates.length > 0) {
    return new Date(Math.min(...candidates));
  }
  // Skipped in spring: the wall time does not exist; move forward by the lost hour.
  return new Date(wall - offsetAt(wall - 3 * 3600_000));
}

/** YYYY-MM-DD plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** "HH:MM" to minutes since midnight, or null when malformed. */
export function clockMinutes(clock: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
