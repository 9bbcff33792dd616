import type { Translator } from '../../i18n';
import { requestedSlots, type RequestSchedule, type WeeklySlot } from '../../shared/schedule';

/** 2024-01-01 was a Monday: the weekday names come from Intl in the reader's language. */
const weekdayDate = (weekday: number): Date => new Date(Date.UTC(2024, 0, weekday, 12));

export const weekdayName = (t: Translator, weekday: number): string =>
  t.date(weekdayDate(weekday), { weekday: 'long' });

const slotText = (t: Translator, slot: WeeklySlot): string =>
  t.t('links.offer.slot', { weekday: weekdayName(t, slot.weekday), start: slot.start, end: slot.end });

/** "Freitag, 4. Dezember 2026, 10:00 bis 11:00 Uhr" or "jede Woche: Dienstag, 09:00 bis 12:00 Uhr", per locale. */
export function scheduleText(t: Translator, schedule: RequestSchedule): string {
  if (schedule.kind === 'one-off') {
    const date = t.date(new Date(`${schedule.date}T12:00:00Z`), {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    return t.t('links.offer.oneOff', { date, start: schedule.start, end: schedule.end });
  }
  return t.t('links.offer.weekly', {
    slots: t.list(requestedSlots(schedule).map((slot) => slotText(t, slot))),
  });
}
