import { addDays, isoWeekday } from '../../shared/berlin-time';
import { parseClock, type RequestSchedule } from '../../shared/schedule';

/*
 * The week view: every accepted assignment expanded into the days of one week (a one-off on its
 * date; weekly help on each of its slot days, from its first date on and, for a closed request, up
 * to the day it was closed), and clashes: the same volunteer twice at overlapping times on one day.
 * Wall-clock times in Berlin throughout, so a DST week changes nothing.
 */

export interface WeekAssignment {
  matchId: string;
  volunteerId: string;
  schedule: RequestSchedule;
  /** Berlin day of the first time the help is needed (help_request.starts_at); null: unknown. */
  firstDate: string | null;
  /** Berlin day the request was closed, when it was: weekly help ends there. */
  lastDate: string | null;
}

export interface WeekOccurrence<T extends WeekAssignment> {
  date: string;
  start: string;
  end: string;
  assignment: T;
  /** Match ids of this volunteer's other occurrences on this day that overlap this one. */
  clashesWith: string[];
}

export interface WeekDay<T extends WeekAssignment> {
  date: string;
  occurrences: WeekOccurrence<T>[];
}

const minutes = (clock: string): number => parseClock(clock) ?? 0;

/** The seven days from `monday`, each with its occurrences by start time, clashes marked. */
export function weekPlan<T extends WeekAssignment>(assignments: readonly T[], monday: string): WeekDay<T>[] {
  const days: WeekDay<T>[] = [];
  for (let offset = 0; offset < 7; offset += 1) {
    const date = addDays(monday, offset);
    const occurrences: WeekOccurrence<T>[] = [];
    for (const assignment of assignments) {
      for (const slot of slotsOn(assignment, date)) {
        occurrences.push({ date, start: slot.start, end: slot.end, assignment, clashesWith: [] });
      }
    }
    markClashes(occurrences);
    occurrences.sort(
      (a, b) =>
        a.start.localeCompare(b.start) ||
        a.end.localeCompare(b.end) ||
        a.assignment.matchId.localeCompare(b.assignment.matchId),
    );
    days.push({ date, occurrences });
  }
  return days;
}

/** How many occurrences of the week clash with another. */
export function clashCount(days: readonly WeekDay<WeekAssignment>[]): number {
  return days.reduce((sum, day) => sum + day.occurrences.filter((o) => o.clashesWith.length > 0).length, 0);
}

function slotsOn(assignment: WeekAssignment, date: string): { start: string; end: string }[] {
  const { schedule } = assignment;
  if (schedule.kind === 'one-off') {
    return schedule.date === date ? [{ start: schedule.start, end: schedule.end }] : [];
  }
  const first = assignment.firstDate ?? schedule.from ?? null;
  if ((first !== null && date < first) || (assignment.lastDate !== null && date > assignment.lastDate)) {
    return [];
  }
  const weekday = isoWeekday(date);
  return schedule.slots.filter((slot) => slot.weekday === weekday).map(({ start, end }) => ({ start, end }));
}

function markClashes(occurrences: WeekOccurrence<WeekAssignment>[]): void {
  for (let i = 0; i < occurrences.length; i += 1) {
    for (let j = i + 1; j < occurrences.length; j += 1) {
      const a = occurrences[i];
      const b = occurrences[j];
      if (
        a.assignment.volunteerId === b.assignment.volunteerId &&
        minutes(a.start) < minutes(b.end) &&
        minutes(b.start) < minutes(a.end)
      ) {
        a.clashesWith.push(b.assignment.matchId);
        b.clashesWith.push(a.assignment.matchId);
      }
    }
  }
}
