import type { Translator } from '../../i18n';
import {
  isValidSchedule,
  parseClock,
  requestedSlots,
  type RequestSchedule,
  type WeeklySlot,
} from '../../shared/schedule';

/*
 * When-texts of emails in the reader's language: weekday names, dates and clock times come from
 * Intl through the translator, the words around them from the catalogue.
 */

/** A calendar day ("2026-11-24") as a date; formatted in UTC so no time zone can move the day. */
function calendarDay(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "09:30" in the reader's clock format ("9:30", "9:30 AM", "٩:٣٠"). */
function clock(t: Translator, value: string): string {
  const minutes = parseClock(value) ?? 0;
  return t.date(new Date(Date.UTC(2024, 0, 1, 0, minutes)), {
    timeZone: 'UTC',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** A weekday's short name; 1 January 2024 was a Monday, so ISO weekday n is 2024-01-0n. */
function weekdayName(t: Translator, weekday: number): string {
  return t.date(new Date(Date.UTC(2024, 0, weekday, 12)), { timeZone: 'UTC', weekday: 'short' });
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

/** An instant (a link's expiry) in Berlin time: "Fr., 20.11.2026, 18:00". */
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

function slotText(t: Translator, slot: WeeklySlot): string {
  return t.t('email.when.slot', {
    weekday: weekdayName(t, slot.weekday),
    start: clock(t, slot.start),
    end: clock(t, slot.end),
  });
}

/**
 * A request's time: a one-off date with its hours, or the weekly pattern with the first date it
 * starts on (when known).
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
  const slots = t.list(requestedSlots(schedule).map((slot) => slotText(t, slot)));
  return firstDate
    ? t.t('email.when.weeklyFrom', { slots, date: formatDay(t, firstDate) })
    : t.t('email.when.weekly', { slots });
}
