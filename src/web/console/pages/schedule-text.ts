import type { Translator } from '../../../i18n';
import { berlinDateOf } from '../../../shared/berlin-time';
import type { RequestSchedule } from '../../../shared/schedule';
import { formatCalendarDate, formatSchedule } from '../format';

/** "07.12.2026, 10:00–11:00" or "ab 09.12.2026 jede Woche: Mi 09:00–12:00": when the help is needed. */
export function whenText(schedule: RequestSchedule, startsAt: Date | string | null, t: Translator): string {
  if (schedule.kind === 'one-off' || startsAt === null) {
    return formatSchedule(schedule, t);
  }
  return t.t('console.week.weeklyFrom', {
    date: formatCalendarDate(berlinDateOf(new Date(startsAt)), t),
    slots: formatSchedule(schedule, t),
  });
}
