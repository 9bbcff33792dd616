import {
  isValidDate,
  isValidSchedule,
  parseClock,
  weekdayOf,
  type RequestSchedule,
} from '../../shared/schedule';

/*
 * Double booking: a volunteer's accepted assignments (their request still matched) make the same
 * times unavailable. Weekly help occupies its weekly slots every week from its first day (`from`,
 * or always when it has none); a one-off occupies its date and time. Only a real overlap clashes:
 * 9–12 and 12–14 on the same day are fine. All in Europe/Berlin wall-clock time, like the schedules.
 */

/**
 * Whether a new request's schedule clashes with an assignment the volunteer already has. `today`
 * (YYYY-MM-DD, Berlin) lets a one-off assignment in the past occupy nothing. Invalid schedules on
 * either side clash with nothing: an unreadable old record must not lock a volunteer out.
 */
export function schedulesClash(wanted: RequestSchedule, busy: RequestSchedule, today: string): boolean {
  if (!isValidSchedule(wanted) || !isValidSchedule(busy)) {
    return false;
  }
  if (busy.kind === 'one-off' && busy.date < today) {
    return false;
  }
  if (wanted.kind === 'one-off' && busy.kind === 'one-off') {
    return wanted.date === busy.date && overlaps(wanted, busy);
  }
  if (wanted.kind === 'one-off' && busy.kind === 'weekly') {
    return oneOffMeetsWeekly(wanted, busy);
  }
  if (wanted.kind === 'weekly' && busy.kind === 'one-off') {
    // The weekly help would fall on the date already taken, that week at least.
    return oneOffMeetsWeekly(busy, wanted);
  }
  if (wanted.kind === 'weekly' && busy.kind === 'weekly') {
    // Both go on every week: any shared weekday with overlapping hours meets sooner or later.
    return wanted.slots.some((a) => busy.slots.some((b) => a.weekday === b.weekday && overlaps(a, b)));
  }
  return false;
}

/** The first of the volunteer's assignments the wanted schedule clashes with, or null. */
export function firstClash(
  wanted: RequestSchedule,
  busy: readonly RequestSchedule[] | undefined,
  today: string,
): RequestSchedule | null {
  const list: readonly RequestSchedule[] = busy ?? [];
  for (const schedule of list) {
    if (schedulesClash(wanted, schedule, today)) {
      return schedule;
    }
  }
  return null;
}

function oneOffMeetsWeekly(
  oneOff: Extract<RequestSchedule, { kind: 'one-off' }>,
  weekly: Extract<RequestSchedule, { kind: 'weekly' }>,
): boolean {
  if (weekly.from !== undefined && isValidDate(weekly.from) && oneOff.date < weekly.from) {
    return false;
  }
  const weekday = weekdayOf(oneOff.date);
  return weekly.slots.some((slot) => slot.weekday === weekday && overlaps(slot, oneOff));
}

/** Strict overlap of two clock ranges: touching ends ("9–12" and "12–14") do not overlap. */
function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  const [aStart, aEnd, bStart, bEnd] = [
    parseClock(a.start),
    parseClock(a.end),
    parseClock(b.start),
    parseClock(b.end),
  ];
  if (aStart === null || aEnd === null || bStart === null || bEnd === null) {
    return false;
  }
  return aStart < bEnd && bStart < aEnd;
}
