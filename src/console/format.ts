import type { RequestSchedule } from '../shared/schedule';
import type { ConsoleLang } from './i18n';

const WEEKDAYS: Record<ConsoleLang, string[]> = {
  de: ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

export const weekdayName = (weekday: number, lang: ConsoleLang): string => WEEKDAYS[lang][weekday - 1] ?? '';

/** "3 Tg. 4 Std." / "3 d 4 h": how long something has waited, coarse enough to read at a glance. */
export function formatWaited(ms: number, lang: ConsoleLang): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const [d, h, m] = lang === 'de' ? ['Tg.', 'Std.', 'Min.'] : ['d', 'h', 'min'];
  if (minutes < 60) {
    return `${minutes} ${m}`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours} ${h}`;
  }
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} ${d}` : `${days} ${d} ${hours % 24} ${h}`;
}

const DATE_TIME_FORMATS: Record<ConsoleLang, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }),
};

/** Date and time in Hamburg, e.g. "21.11.26, 09:30". The formatters are built once: they are costly. */
export function formatDateTime(date: Date | string | null, lang: ConsoleLang): string {
  return date ? DATE_TIME_FORMATS[lang].format(new Date(date)) : '–';
}

export function formatSchedule(schedule: RequestSchedule, lang: ConsoleLang): string {
  if (schedule.kind === 'one-off') {
    const [year, month, day] = schedule.date.split('-');
    const date = lang === 'de' ? `${day}.${month}.${year}` : schedule.date;
    return `${date}, ${schedule.start}–${schedule.end}`;
  }
  return schedule.slots
    .map((slot) => `${weekdayName(slot.weekday, lang)} ${slot.start}–${slot.end}`)
    .join(', ');
}

/** "Mo 09:00–12:00, Mi 14:00–18:00": weekly slots as one editable line. */
export function availabilityLine(
  slots: { weekday: number; start: string; end: string }[],
  lang: ConsoleLang,
): string {
  return slots.map((slot) => `${weekdayName(slot.weekday, lang)} ${slot.start}-${slot.end}`).join(', ');
}

/**
 * Reads the line back, German or English day names; a part it cannot read becomes weekday 0, so
 * the DTO's validation names the field instead of the slot silently disappearing.
 */
export function parseAvailabilityLine(line: string): { weekday: number; start: string; end: string }[] {
  const days = new Map<string, number>();
  for (const names of Object.values(WEEKDAYS)) {
    names.forEach((name, index) => days.set(name.toLowerCase(), index + 1));
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
