import { memoise } from './memo';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A weekly time range in Europe/Berlin wall-clock time, "HH:MM" 24h, start < end. */
export interface WeeklySlot {
  weekday: Weekday;
  start: string;
  end: string;
}

/**
 * When the help is needed, in Europe/Berlin wall-clock time. Availability is kept as wall-clock
 * slots on both sides, so a DST change never shifts "Tuesday 9–12" by an hour.
 */
export type RequestSchedule =
  | { kind: 'one-off'; date: string /* YYYY-MM-DD */; start: string; end: string }
  | {
      kind: 'weekly';
      slots: WeeklySlot[];
      /** First day the weekly help may start (YYYY-MM-DD); absent on older requests: from when it was asked. */
      from?: string;
    };

/*
 * Both volunteer availability and request schedules are Europe/Berlin wall-clock times, so all
 * arithmetic here is on plain minutes since midnight: a DST change never moves "Di 9–12 Uhr".
 */

const MINUTES_PER_DAY = 24 * 60;

/** "HH:MM", 00:00–23:59, plus "24:00" so a slot can run until midnight ("18–24 Uhr"). */
const CLOCK_PATTERN = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const WEEKDAYS_DE = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'] as const;
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A slot in minutes since midnight; start < end. */
interface Interval {
  weekday: Weekday;
  start: number;
  end: number;
}

export function isValidClock(s: string): boolean {
  return typeof s === 'string' && CLOCK_PATTERN.test(s);
}

/** Minutes since midnight, or null when the text is not a valid "HH:MM". */
export function parseClock(s: string): number | null {
  return typeof s === 'string' ? parseClockMemo(s) : null;
}

const parseClockMemo = memoise((s: string): number | null => {
  if (!isValidClock(s)) {
    return null;
  }
  const [hours, minutes] = s.split(':').map(Number);
  return hours * 60 + minutes;
});

export function isWeekday(n: number): n is Weekday {
  return Number.isInteger(n) && n >= 1 && n <= 7;
}

/** A real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isValidDate(s: string): boolean {
  return typeof s === 'string' && weekdayMemo(s) !== null;
}

/**
 * ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. Pure calendar arithmetic in UTC, so
 * the result does not depend on the process time zone. Throws RangeError for a malformed date;
 * check with isValidDate first when the input is not trusted.
 */
export function weekdayOf(date: string): Weekday {
  const weekday = typeof date === 'string' ? weekdayMemo(date) : null;
  if (weekday === null) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return weekday;
}

const weekdayMemo = memoise((date: string): Weekday | null => {
  const utc = toUtcDate(date);
  if (utc === null) {
    return null;
  }
  const sundayIsZero = utc.getUTCDay();
  return (sundayIsZero === 0 ? 7 : sundayIsZero) as Weekday;
});

export function isValidSlot(slot: WeeklySlot): boolean {
  return toInterval(slot) !== null;
}

/** Valid times, start before end, and at least one slot for weekly schedules. */
export function isValidSchedule(schedule: RequestSchedule): boolean {
  return requestedIntervals(schedule) !== null;
}

/**
 * The requested time as weekly slots: a one-off date becomes a slot on its weekday. Empty for an
 * invalid schedule.
 */
export function requestedSlots(schedule: RequestSchedule): WeeklySlot[] {
  return (requestedIntervals(schedule) ?? []).map(fromInterval);
}

/**
 * Share (0..1) of the requested minutes that fall into the volunteer's slots. Overlapping slots
 * on either side count once. An invalid schedule can never be covered, so it yields 0.
 */
export function coverage(availability: WeeklySlot[], schedule: RequestSchedule): number {
  if (availability === lastAvailability && schedule === lastSchedule) {
    return lastShare;
  }
  const share = computeCoverage(availability, schedule);
  lastAvailability = availability;
  lastSchedule = schedule;
  lastShare = share;
  return share;
}

/**
 * Ranking asks for the same volunteer and request twice in a row (the availability rule, then the
 * score) and for the same request once per candidate; the engine never mutates its inputs. The pair
 * is remembered only until the next one (a WeakMap per volunteer cost more in garbage collection
 * than it saved), the request's wanted intervals for as long as the request lives.
 */
let lastAvailability: unknown;
let lastSchedule: unknown;
let lastShare = 0;
const wantedMemo = new WeakMap<object, Map<Weekday, Interval[]> | null>();

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

function wantedByWeekday(schedule: RequestSchedule): Map<Weekday, Interval[]> | null {
  if (!isObject(schedule)) {
    return null;
  }
  let wanted = wantedMemo.get(schedule);
  if (wanted === undefined) {
    const requested = requestedIntervals(schedule);
    wanted = requested === null ? null : mergeByWeekday(requested);
    wantedMemo.set(schedule, wanted);
  }
  return wanted;
}

function computeCoverage(availability: WeeklySlot[], schedule: RequestSchedule): number {
  const wanted = wantedByWeekday(schedule);
  if (wanted === null) {
    return 0;
  }
  const offered = mergeByWeekday(validIntervals(Array.isArray(availability) ? availability : []));
  let total = 0;
  let covered = 0;
  for (const [weekday, intervals] of wanted) {
    total += intervals.reduce((sum, i) => sum + (i.end - i.start), 0);
    covered += overlapMinutes(intervals, offered.get(weekday) ?? []);
  }
  return total === 0 ? 0 : covered / total;
}

/** Whether the volunteer is free for the whole requested time. */
export function covers(availability: WeeklySlot[], schedule: RequestSchedule): boolean {
  return coverage(availability, schedule) === 1;
}

/** The volunteer's own slots that overlap the requested time, in week order. */
export function overlappingSlots(availability: WeeklySlot[], schedule: RequestSchedule): WeeklySlot[] {
  const requested = requestedIntervals(schedule) ?? [];
  return validIntervals(availability)
    .filter((slot) =>
      requested.some((r) => r.weekday === slot.weekday && r.start < slot.end && slot.start < r.end),
    )
    .sort(byWeekOrder)
    .map(fromInterval);
}

/** e.g. "Di 9–12 Uhr", "Di 9:30–12 Uhr". */
export function formatSlotDe(slot: WeeklySlot): string {
  return `${WEEKDAYS_DE[slot.weekday - 1] ?? '?'} ${clockDe(slot.start)}–${clockDe(slot.end)} Uhr`;
}

/** e.g. "Tue 9am–12pm", "Tue 9:30am–12pm". */
export function formatSlotEn(slot: WeeklySlot): string {
  return `${WEEKDAYS_EN[slot.weekday - 1] ?? '?'} ${clockEn(slot.start)}–${clockEn(slot.end)}`;
}

/** e.g. "So 29.03.2026 10–12 Uhr" or "Di 9–12 Uhr, Do 14–16 Uhr". */
export function formatScheduleDe(schedule: RequestSchedule): string {
  if (!isValidSchedule(schedule)) {
    return 'ungültiger Zeitplan';
  }
  if (schedule.kind === 'one-off') {
    const [year, month, day] = schedule.date.split('-');
    const weekday = WEEKDAYS_DE[weekdayOf(schedule.date) - 1];
    return `${weekday} ${day}.${month}.${year} ${clockDe(schedule.start)}–${clockDe(schedule.end)} Uhr`;
  }
  return requestedSlots(schedule).map(formatSlotDe).join(', ');
}

/** e.g. "Sun 2026-03-29 10am–12pm" or "Tue 9am–12pm, Thu 2pm–4pm". */
export function formatScheduleEn(schedule: RequestSchedule): string {
  if (!isValidSchedule(schedule)) {
    return 'invalid schedule';
  }
  if (schedule.kind === 'one-off') {
    const weekday = WEEKDAYS_EN[weekdayOf(schedule.date) - 1];
    return `${weekday} ${schedule.date} ${clockEn(schedule.start)}–${clockEn(schedule.end)}`;
  }
  return requestedSlots(schedule).map(formatSlotEn).join(', ');
}

function toUtcDate(s: string): Date | null {
  const match = typeof s === 'string' ? DATE_PATTERN.exec(s) : null;
  if (match === null) {
    return null;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear rather than Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  const roundTrips =
    utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
  return roundTrips ? utc : null;
}

function toInterval(slot: WeeklySlot): Interval | null {
  const start = parseClock(slot.start);
  const end = parseClock(slot.end);
  if (!isWeekday(slot.weekday) || start === null || end === null || start >= end) {
    return null;
  }
  return { weekday: slot.weekday, start, end };
}

function fromInterval(interval: Interval): WeeklySlot {
  return { weekday: interval.weekday, start: clockText(interval.start), end: clockText(interval.end) };
}

/** Invalid volunteer slots are skipped: they cannot make anyone available. */
function validIntervals(slots: WeeklySlot[]): Interval[] {
  return slots.map(toInterval).filter((i): i is Interval => i !== null);
}

function requestedIntervals(schedule: RequestSchedule): Interval[] | null {
  switch (schedule?.kind) {
    case 'one-off': {
      if (!isValidDate(schedule.date)) {
        return null;
      }
      const interval = toInterval({
        weekday: weekdayOf(schedule.date),
        start: schedule.start,
        end: schedule.end,
      });
      return interval === null ? null : [interval];
    }
    case 'weekly': {
      if (!Array.isArray(schedule.slots) || schedule.slots.length === 0) {
        return null;
      }
      const intervals = validIntervals(schedule.slots);
      return intervals.length === schedule.slots.length ? intervals : null;
    }
    default:
      return null;
  }
}

function byWeekOrder(a: Interval, b: Interval): number {
  return a.weekday - b.weekday || a.start - b.start || a.end - b.end;
}

/** Per weekday, the union of the intervals as sorted, disjoint intervals. */
function mergeByWeekday(intervals: Interval[]): Map<Weekday, Interval[]> {
  const merged = new Map<Weekday, Interval[]>();
  for (const interval of [...intervals].sort(byWeekOrder)) {
    const day = merged.get(interval.weekday) ?? [];
    const last = day[day.length - 1];
    if (last !== undefined && interval.start <= last.end) {
      last.end = Math.max(last.end, interval.end);
    } else {
      day.push({ ...interval });
    }
    merged.set(interval.weekday, day);
  }
  return merged;
}

/** Minutes shared by two sorted, disjoint interval lists of the same weekday. */
function overlapMinutes(a: Interval[], b: Interval[]): number {
  let minutes = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    minutes += Math.max(0, Math.min(a[i].end, b[j].end) - Math.max(a[i].start, b[j].start));
    if (a[i].end < b[j].end) {
      i++;
    } else {
      j++;
    }
  }
  return minutes;
}

function clockText(minutes: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function clockDe(s: string): string {
  const minutes = parseClock(s);
  if (minutes === null) {
    return s;
  }
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? String(hours) : `${hours}:${clockText(minutes).slice(3)}`;
}

function clockEn(s: string): string {
  const minutes = parseClock(s);
  if (minutes === null) {
    return s;
  }
  const hours = Math.floor(minutes / 60);
  const suffix = hours < 12 || minutes === MINUTES_PER_DAY ? 'am' : 'pm';
  const twelveHour = hours % 12 === 0 ? 12 : hours % 12;
  return minutes % 60 === 0
    ? `${twelveHour}${suffix}`
    : `${twelveHour}:${clockText(minutes).slice(3)}${suffix}`;
}
