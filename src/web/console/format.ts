import { localesFor, type Translator } from '../../i18n';
import type { RequestSchedule } from '../../shared/schedule';
import { formatWhen } from '../shell/schedule-text';

/** 2024-01-01 was a Monday: weekday n (1 = Monday) is that date plus n - 1 days. */
const weekdayDate = (weekday: number): Date => new Date(Date.UTC(2024, 0, weekday, 12));

/** "Mo", "Mon": the short day name in the reader's language. */
export const weekdayName = (weekday: number, t: Translator): string =>
  weekday >= 1 && weekday <= 7 ? t.date(weekdayDate(weekday), { weekday: 'short' }).replace(/\.$/, '') : '';

/** "3 Tg. 4 Std." / "3 d 4 h": how long something has waited, coarse enough to read at a glance. */
export function formatWaited(ms: number, t: Translator): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) {
    return t.t('console.waited.minutes', { minutes });
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return t.t('console.waited.hours', { hours });
  }
  const days = Math.floor(hours / 24);
  return hours % 24 === 0
    ? t.t('console.waited.days', { days })
    : t.t('console.waited.daysHours', { days, hours: hours % 24 });
}

/** Date and time in Hamburg, e.g. "21.11.26, 09:30". */
export function formatDateTime(date: Date | string | null, t: Translator): string {
  return date ? t.date(new Date(date), { dateStyle: 'short', timeStyle: 'short' }) : '–';
}

/** A calendar date ("2026-11-24") as the reader writes it ("24.11.2026"). */
export function formatCalendarDate(date: string, t: Translator): string {
  return t.date(new Date(`${date}T12:00:00Z`), { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/**
 * A request's time for lists and pages: the one shared when-text ("ab Di., 8.12., jede Woche …",
 * "einmalig: …"), so staff read what the volunteer reads.
 */
export function formatSchedule(
  schedule: RequestSchedule,
  t: Translator,
  firstDate: string | null = null,
): string {
  return formatWhen(t, schedule, firstDate);
}

/** "Mo 09:00–12:00, Mi 14:00–18:00": weekly slots as one editable line. */
export function availabilityLine(
  slots: { weekday: number; start: string; end: string }[],
  t: Translator,
): string {
  return slots.map((slot) => `${weekdayName(slot.weekday, t)} ${slot.start}-${slot.end}`).join(', ');
}

/**
 * Reads the line back, with day names in any staff language; a part it cannot read becomes weekday
 * 0, so the DTO's validation names the field instead of the slot silently disappearing.
 */
export function parseAvailabilityLine(line: string): { weekday: number; start: string; end: string }[] {
  const days = new Map<string, number>();
  for (const { locale } of localesFor('staff')) {
    for (let weekday = 1; weekday <= 7; weekday += 1) {
      const name = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
        weekdayDate(weekday),
      );
      days.set(name.replace(/\.$/, '').toLowerCase(), weekday);
    }
  }
  return line
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\p{L}+)\.?\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/u.exec(part);
      const pad = (time: string) => time.padStart(5, '0');
      return match
        ? { weekday: days.get(match[1].toLowerCase()) ?? 0, start: pad(match[2]), end: pad(match[3]) }
        : { weekday: 0, start: '', end: '' };
    });
}
