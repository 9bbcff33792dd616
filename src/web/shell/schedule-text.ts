import type { Translator } from '../../i18n';
import { firstDateOf } from '../../shared/schedule-start';
import { berlinDateOf } from '../../shared/berlin-time';
import {
  isValidSchedule,
  parseClock,
  requestedSlots,
  type RequestSchedule,
  type WeeklySlot,
} from '../../shared/schedule';

/*
 * The one when-text of a request for every reader: console, emails, volunteer pages, letters.
 * Weekday names, dates and clock times come from Intl through the translator, the words around
 * them (and the date's form: "Di., 8.12." / "Tue 8 Dec") from the catalogue. A weekly request
 * always says "from <first date>, every week …", a one-off says "once", so a volunteer tells a
 * standing commitment from a single date at a glance.
 */

/** A calendar day ("2026-11-24") as a date at noon UTC, so no time zone can move the day. */
function calendarDay(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "09:30" in the reader's clock format ("9:30", "09:30", "٩:٣٠"). */
function clock(t: Translator, value: string): string {
  const minutes = parseClock(value) ?? 0;
  return t.date(new Date(Date.UTC(2024, 0, 1, 0, minutes)), {
    timeZone: 'UTC',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** 1 January 2024 was a Monday, so ISO weekday n is 2024-01-0n. */
const weekdayDate = (weekday: number): Date => new Date(Date.UTC(2024, 0, weekday, 12));

/** A weekday's name in the reader's language, "Dienstag" (long) or "Di." (short). */
export function weekdayName(t: Translator, weekday: number, width: 'long' | 'short' = 'long'): string {
  return t.date(weekdayDate(weekday), { timeZone: 'UTC', weekday: width });
}

/** A day the reader reads: "Di., 24.11.2026". */
export function formatDay(t: Translator, date: string): string {
  return t.date(calendarDay(date), {
    timeZone: 'UTC',
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

/** An instant (a link's expiry, an answer deadline) in Berlin time: "Fr., 20.11.2026, 18:00". */
export function formatDateTime(t: Translator, instant: Date): string {
  return t.date(instant, {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function slotText(t: Translator, slot: WeeklySlot, withWeekday: boolean): string {
  const times = { start: clock(t, slot.start), end: clock(t, slot.end) };
  return withWeekday
    ? t.t('email.when.slot', { weekday: weekdayName(t, slot.weekday, 'short'), ...times })
    : t.t('email.when.hours', times);
}

/**
 * A request's time: "einmalig: Di., 24.11.2026, 9:00–12:00 Uhr", or
 * "ab Di., 8.12., jede Woche 9:00–12:00 Uhr" (the weekday is left out of the slots when they all
 * fall on the first date's weekday). Without a first date a weekly request reads "jede Woche: …".
 */
export function formatWhen(
  t: Translator,
  schedule: RequestSchedule,
  firstDate: string | null = null,
): string {
  if (!isValidSchedule(schedule)) {
    return t.t('email.when.unknown');
  }
  if (schedule.kind === 'one-off') {
    return t.t('email.when.oneOff', {
      date: formatDay(t, schedule.date),
      start: clock(t, schedule.start),
      end: clock(t, schedule.end),
    });
  }
  const slots = requestedSlots(schedule);
  if (!firstDate) {
    return t.t('email.when.weekly', { slots: t.list(slots.map((slot) => slotText(t, slot, true))) });
  }
  const firstWeekday = ((calendarDay(firstDate).getUTCDay() + 6) % 7) + 1;
  const withWeekday = slots.some((slot) => slot.weekday !== firstWeekday);
  return t.t('email.when.weeklyFrom', {
    date: calendarDay(firstDate),
    slots: t.list(slots.map((slot) => slotText(t, slot, withWeekday))),
  });
}

/**
 * The first date of a request, for formatWhen: from its stored first moment (starts_at) when
 * there is one, else from the schedule and when it was asked.
 */
export function requestFirstDate(request: {
  schedule: RequestSchedule;
  startsAt?: Date | string | null;
  createdAt?: Date | string | null;
}): string | null {
  if (request.startsAt) {
    return berlinDateOf(new Date(request.startsAt));
  }
  return firstDateOf(request.schedule, request.createdAt ? new Date(request.createdAt) : new Date());
}

/** formatWhen for a request row: the schedule with its own first date. */
export function requestWhen(
  t: Translator,
  request: { schedule: RequestSchedule; startsAt?: Date | string | null; createdAt?: Date | string | null },
): string {
  return formatWhen(t, request.schedule, requestFirstDate(request));
}
