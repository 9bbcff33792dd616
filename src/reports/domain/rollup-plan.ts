import { addDays } from '../../shared/berlin-time';
import { lastDayOfMonth, monthsOf } from './period';

/*
 * What the report rollup recomputes (docs/reports.md "Rollup"): additive figures per Berlin day,
 * distinct-person figures per closed calendar month, quarter and year. Pure: the job asks which
 * days and periods, the SQL does the counting.
 */

/** A closed range of calendar days, `from` ≤ `to` (YYYY-MM-DD). */
export interface CalendarPeriod {
  from: string;
  to: string;
}

/** Half-open day range `[from, until)`. */
export interface DayRange {
  from: string;
  until: string;
}

/** The month, quarter and year a day lies in. */
export function calendarPeriodsOf(day: string): CalendarPeriod[] {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const quarterStart = Math.floor((month - 1) / 3) * 3 + 1;
  const pad = (value: number) => String(value).padStart(2, '0');
  return [
    { from: `${year}-${pad(month)}-01`, to: lastDayOfMonth(year, month) },
    { from: `${year}-${pad(quarterStart)}-01`, to: lastDayOfMonth(year, quarterStart + 2) },
    { from: `${year}-01-01`, to: `${year}-12-31` },
  ];
}

/** The calendar periods touching any of the days that have ended before `today`, each once, in order. */
export function closedPeriodsTouching(days: Iterable<string>, today: string): CalendarPeriod[] {
  const seen = new Map<string, CalendarPeriod>();
  for (const day of days) {
    for (const period of calendarPeriodsOf(day)) {
      if (period.to < today) {
        seen.set(`${period.from}/${period.to}`, period);
      }
    }
  }
  return [...seen.values()].sort((a, b) =>
    a.from === b.from ? a.to.localeCompare(b.to) : a.from.localeCompare(b.from),
  );
}

/** Every closed calendar period from the month of `earliest` up to `today`. */
export function closedPeriodsSince(earliest: string, today: string): CalendarPeriod[] {
  if (earliest >= today) {
    return [];
  }
  return closedPeriodsTouching(
    monthsOf({ from: earliest, to: today }).map((month) => `${month}-01`),
    today,
  );
}

/** Sorted distinct days merged into half-open ranges of consecutive days. */
export function dayRanges(days: Iterable<string>): DayRange[] {
  const sorted = [...new Set(days)].sort();
  const ranges: DayRange[] = [];
  for (const day of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last.until === day) {
      last.until = addDays(day, 1);
    } else {
      ranges.push({ from: day, until: addDays(day, 1) });
    }
  }
  return ranges;
}

/** `[from, until)` cut into pieces of at most `days` days (a backfill works through years in chunks). */
export function chunked(range: DayRange, days: number): DayRange[] {
  const pieces: DayRange[] = [];
  for (let from = range.from; from < range.until;) {
    const next = addDays(from, days);
    const until = next < range.until ? next : range.until;
    pieces.push({ from, until });
    from = until;
  }
  return pieces;
}

/**
 * How a report reads `[from, until)`: days before `rolledUntil` from the rollup, the rest live.
 * All live when the rollup has never run, reaches none of the range, or a day of it waits for
 * the job after a late edit (then the rollup might differ from the live tables).
 */
export function readPlan(
  from: string,
  until: string,
  coverage: { coveredUntil: string | null; dirty: boolean },
): { rolledUntil: string } | null {
  if (coverage.coveredUntil === null || coverage.dirty || coverage.coveredUntil <= from) {
    return null;
  }
  return { rolledUntil: coverage.coveredUntil < until ? coverage.coveredUntil : until };
}

/**
 * Closed calendar periods grouped into spans of days: periods that overlap or touch share one span
 * `[from, until)`, so the grouped period queries read each stretch of history once (a backfill: one
 * span over the whole history; a run after a late edit in an old year: that year plus the recent
 * periods).
 */
export function periodSpans(periods: CalendarPeriod[]): { span: DayRange; periods: CalendarPeriod[] }[] {
  const sorted = [...periods].sort((a, b) =>
    a.from === b.from ? a.to.localeCompare(b.to) : a.from.localeCompare(b.from),
  );
  const spans: { span: DayRange; periods: CalendarPeriod[] }[] = [];
  for (const period of sorted) {
    const until = addDays(period.to, 1);
    const last = spans[spans.length - 1];
    if (last && period.from <= last.span.until) {
      if (until > last.span.until) {
        last.span.until = until;
      }
      last.periods.push(period);
    } else {
      spans.push({ span: { from: period.from, until }, periods: [period] });
    }
  }
  return spans;
}

/**
 * The whole calendar months inside `[from, until)` as `[monthsFrom, monthsUntil)` (first days of
 * months); the days `[from, monthsFrom)` and `[monthsUntil, until)` are the edges. No whole month:
 * both are `until` (everything is an edge).
 */
export function wholeMonths(from: string, until: string): { monthsFrom: string; monthsUntil: string } {
  const first = from.endsWith('-01') ? from : nextMonthStart(from);
  const last = `${until.slice(0, 7)}-01`;
  return first < last ? { monthsFrom: first, monthsUntil: last } : { monthsFrom: until, monthsUntil: until };
}

function nextMonthStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The first days of the calendar months among `periods`. */
export function monthsAmong(periods: CalendarPeriod[]): string[] {
  return periods
    .filter((period) => period.from.slice(0, 7) === period.to.slice(0, 7))
    .map((period) => period.from);
}
