import { addDays } from '../../shared/berlin-time';

/*
 * Report periods: a calendar month, quarter or year, or any from–to range of Berlin calendar days.
 * Every figure counts an event in the period its own Berlin date falls in (see docs/reports.md).
 */

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A closed range of Berlin calendar days, `from` ≤ `to`, as YYYY-MM-DD. */
export interface ReportPeriod {
  kind: PeriodKind;
  from: string;
  to: string;
  /** e.g. "2026-03", "2026-Q1", "2026", "2026-01-15–2026-02-14". */
  label: string;
}

export interface PeriodInput {
  kind?: unknown;
  month?: unknown;
  quarter?: unknown;
  year?: unknown;
  from?: unknown;
  to?: unknown;
}

/** The longest custom range: ten years is all any funder asks for; more is a typo. */
export const MAX_PERIOD_DAYS = 3700;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) {
    return false;
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function yearOf(value: unknown): number | null {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  if (!/^\d{4}$/.test(text)) {
    return null;
  }
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** The problem with the input, by field, or the period. `today` decides the default (this month). */
export function parsePeriod(
  input: PeriodInput,
  today: string,
): { period: ReportPeriod } | { field: string; problem: string } {
  const kind = input.kind === undefined || input.kind === '' ? 'month' : input.kind;
  if (typeof kind !== 'string' || !(PERIOD_KINDS as readonly string[]).includes(kind)) {
    return { field: 'kind', problem: 'unknown' };
  }
  if (kind === 'month') {
    const text = input.month === undefined || input.month === '' ? today.slice(0, 7) : input.month;
    if (
      typeof text !== 'string' ||
      !/^\d{4}-(0[1-9]|1[0-2])$/.test(text) ||
      yearOf(text.slice(0, 4)) === null
    ) {
      return { field: 'month', problem: 'invalid' };
    }
    const year = Number(text.slice(0, 4));
    const month = Number(text.slice(5, 7));
    return { period: { kind, from: `${text}-01`, to: lastDayOfMonth(year, month), label: text } };
  }
  if (kind === 'quarter') {
    const text = input.quarter === undefined || input.quarter === '' ? quarterOf(today) : input.quarter;
    const match = typeof text === 'string' ? /^(\d{4})-Q([1-4])$/.exec(text) : null;
    if (!match || yearOf(match[1]) === null) {
      return { field: 'quarter', problem: 'invalid' };
    }
    const year = Number(match[1]);
    const first = (Number(match[2]) - 1) * 3 + 1;
    return {
      period: {
        kind,
        from: `${year}-${pad(first)}-01`,
        to: lastDayOfMonth(year, first + 2),
        label: text as string,
      },
    };
  }
  if (kind === 'year') {
    const year =
      input.year === undefined || input.year === '' ? Number(today.slice(0, 4)) : yearOf(input.year);
    if (year === null) {
      return { field: 'year', problem: 'invalid' };
    }
    return { period: { kind, from: `${year}-01-01`, to: `${year}-12-31`, label: String(year) } };
  }
  if (
    typeof input.from !== 'string' ||
    !isCalendarDate(input.from) ||
    yearOf(input.from.slice(0, 4)) === null
  ) {
    return { field: 'from', problem: 'invalid' };
  }
  if (typeof input.to !== 'string' || !isCalendarDate(input.to) || yearOf(input.to.slice(0, 4)) === null) {
    return { field: 'to', problem: 'invalid' };
  }
  if (input.to < input.from || daysBetween(input.from, input.to) > MAX_PERIOD_DAYS) {
    return { field: 'to', problem: 'range' };
  }
  return { period: { kind: 'custom', from: input.from, to: input.to, label: `${input.from}–${input.to}` } };
}

export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar months (YYYY-MM) the period touches, in order. */
export function monthsOf(period: Pick<ReportPeriod, 'from' | 'to'>): string[] {
  const months: string[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${pad(month)}`;
    months.push(key);
    if (key >= last) {
      break;
    }
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The day after the period: SQL ranges are half-open, `[from, toExclusive)`, on Berlin dates. */
export function dayAfter(date: string): string {
  return addDays(date, 1);
}

/** The date `months` calendar months after `date` (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = (((month % 12) + 12) % 12) + 1;
  const last = lastDayOfMonth(targetYear, targetMonth);
  const day = Math.min(Number(date.slice(8, 10)), Number(last.slice(8, 10)));
  return `${targetYear}-${pad(targetMonth)}-${pad(day)}`;
}
