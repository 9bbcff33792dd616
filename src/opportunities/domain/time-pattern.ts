import type { WeeklySlot } from '../../shared/schedule';

/**
 * When an opportunity's volunteering happens, in Europe/Berlin wall-clock time:
 * - `weekly`: regular slots ("every Tuesday 15–17 Uhr");
 * - `flexible`: a time budget, not fixed times ("about 4 hours a month"), at least one of the two;
 * - `one-off`: a single date, e.g. an event ("Sommerfest, Sa. 12.6., 14–18 Uhr").
 * Stored as jsonb; `weekly` and `one-off` share RequestSchedule's shape, so PostgreSQL's
 * `nahbar_schedule_mask` turns them into the same week mask volunteers' availability has.
 */
export type OpportunityTimePattern =
  | { kind: 'weekly'; slots: WeeklySlot[] }
  | { kind: 'flexible'; hoursPerWeek?: number; hoursPerMonth?: number }
  | { kind: 'one-off'; date: string; start: string; end: string };

export const TIME_PATTERN_KINDS = ['weekly', 'flexible', 'one-off'] as const;
export type TimePatternKind = (typeof TIME_PATTERN_KINDS)[number];
