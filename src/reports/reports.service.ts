import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { berlinDateOf } from '../shared/berlin-time';
import { csvChunks, type CsvSeparator } from '../shared/csv';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { dayAfter, monthsOf, type ReportPeriod } from './domain/period';
import { protect, protectBreakdown, shownValue, type ProtectedCell } from './domain/small-numbers';
import { GENDERS, PRIORITY_GROUPS } from '../shared/statistics-fields';
import { AGE_BANDS } from './domain/statistics';
import { liveFigures, readFigures } from './report-figures';
import { districtCentroids, BREAKDOWNS, type Breakdown } from './reports.queries';

/** A protected table: rows × columns of counts with a total row (the column sums). */
export interface ReportTable {
  name: ReportTableName;
  columns: string[];
  rows: { key: string; cells: ProtectedCell[] }[];
  totals: ProtectedCell[];
}

export const REPORT_TABLES = [
  'requests',
  'reasons',
  'offers',
  'volunteers',
  'ages',
  'genders',
  'priority-groups',
  'months',
  'key-figures',
] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

export interface Report {
  period: ReportPeriod;
  breakdown: Breakdown;
  /** The Berlin day the report was computed (retention after 3/12 months depends on it). */
  today: string;
  tables: Record<ReportTableName, ReportTable>;
  timeToMatch: { count: ProtectedCell; medianHours: number | null; p90Hours: number | null };
  /** District centres for the district chart. */
  centroids: Record<string, { lat: number; lon: number }>;
}

/** The figures a funder asks for, computed from the live tables; definitions in docs/reports.md. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * `source`: 'auto' reads closed days from the rollup where it is current (docs/reports.md
   * "Rollup") and the rest live; 'live' reads only the live tables (the rollup test compares both).
   */
  async report(
    period: ReportPeriod,
    breakdown: Breakdown,
    now = new Date(),
    source: 'auto' | 'live' = 'auto',
  ): Promise<Report> {
    const db = this.dataSource.manager;
    const today = berlinDateOf(now);
    const from = period.from;
    const until = dayAfter(period.to);
    // The month table covers the whole year of a month or quarter (funders compare months).
    const months =
      period.kind === 'month' || period.kind === 'quarter'
        ? { from: `${period.from.slice(0, 4)}-01-01`, to: `${period.from.slice(0, 4)}-12-31` }
        : { from: period.from, to: period.to };
    const [
      { requests, reasons, ttm, offers, volunteers, ages, genders, priorityGroups, engagement, monthly },
      centroids,
    ] = await Promise.all([
      source === 'live'
        ? liveFigures(db, breakdown, from, until, months, today)
        : readFigures(db, breakdown, from, until, months, today),
      districtCentroids(db),
    ]);

    const requestColumns = ['received', 'matched', 'fulfilled', 'cancelled', 'unfulfilled'] as const;
    const offerColumns = ['sent', 'accepted', 'declined', 'noAnswer'] as const;
    const volunteerColumns = ['new', 'active', 'left'] as const;
    const monthColumns = ['received', 'matched', 'placementsStarted', 'advisoryInterviews'] as const;
    const byMonth = new Map(monthly.map((row) => [row.month, row]));
    const ageCounts = new Map(ages.map((row) => [row.key, row.count]));
    const genderCounts = new Map(genders.map((row) => [row.key, row.count]));
    const groupCounts = new Map(priorityGroups.map((row) => [row.key, row.count]));
    const hoursShown = Math.round(engagement.hoursMinutes / 60);

    const tables: Record<ReportTableName, ReportTable> = {
      requests: table('requests', requestColumns, byKey(requests)),
      reasons: table('reasons', ['count'], byKey(reasons)),
      offers: table('offers', offerColumns, byKey(offers)),
      volunteers: table('volunteers', volunteerColumns, byKey(volunteers)),
      ages: table(
        'ages',
        ['count'],
        AGE_BANDS.map((key) => ({ key, count: ageCounts.get(key) ?? 0 })),
      ),
      genders: table(
        'genders',
        ['count'],
        [...GENDERS, 'not-given'].map((key) => ({ key, count: genderCounts.get(key) ?? 0 })),
      ),
      // A person in two groups counts in each, so the rows do not add up to the people: the total is
      // the distinct help-seekers reached, which still guards a lone hidden cell (secondary rule).
      'priority-groups': table(
        'priority-groups',
        ['count'],
        [...PRIORITY_GROUPS, 'not-given'].map((key) => ({ key, count: groupCounts.get(key) ?? 0 })),
        [engagement.helpSeekersReached],
      ),
      months: table(
        'months',
        monthColumns,
        monthsOf(months)
          .map(
            (month) =>
              byMonth.get(month) ?? {
                month,
                received: 0,
                matched: 0,
                placementsStarted: 0,
                advisoryInterviews: 0,
              },
          )
          .map((row) => ({ ...row, key: row.month })),
      ),
      'key-figures': {
        name: 'key-figures',
        columns: ['value'],
        rows: [
          { key: 'requestsReceived', cells: [protect(sum(requests, 'received'))] },
          { key: 'volunteerEnquiries', cells: [protect(engagement.volunteerEnquiries)] },
          { key: 'advisoryInterviews', cells: [protect(engagement.advisoryInterviews)] },
          { key: 'placementsProposed', cells: [protect(engagement.placementsProposed)] },
          { key: 'placementsStarted', cells: [protect(engagement.placementsStarted)] },
          { key: 'placementsEnded', cells: [protect(engagement.placementsEnded)] },
          { key: 'after3MonthsEligible', cells: [protect(engagement.after3Months.eligible)] },
          { key: 'after3MonthsActive', cells: [protect(engagement.after3Months.stillActive)] },
          { key: 'after12MonthsEligible', cells: [protect(engagement.after12Months.eligible)] },
          { key: 'after12MonthsActive', cells: [protect(engagement.after12Months.stillActive)] },
          {
            key: 'hours',
            // Hours of one or two people name them as much as a count would.
            cells: [{ ...protect(engagement.hoursVolunteers), value: hoursShown }],
          },
          { key: 'hoursVolunteers', cells: [protect(engagement.hoursVolunteers)] },
          { key: 'helpSeekersReached', cells: [protect(engagement.helpSeekersReached)] },
        ],
        totals: [],
      },
    };
    const matchedCount = protect(ttm.count);
    const enough = ttm.count >= 3;
    return {
      period,
      breakdown,
      today,
      tables,
      timeToMatch: {
        count: matchedCount,
        medianHours: enough ? round1(ttm.medianHours) : null,
        p90Hours: enough ? round1(ttm.p90Hours) : null,
      },
      centroids: Object.fromEntries(centroids),
    };
  }

  /** One table as CSV chunks (the shown values: "< 3" for protected cells); the export is audited. */
  async *csv(
    report: Report,
    name: ReportTableName,
    separator: CsvSeparator,
    staff: AuthenticatedStaff,
    headers: { key: string; columns: (column: string) => string; rowLabel: (key: string) => string },
  ): AsyncGenerator<string> {
    const data = report.tables[name];
    await this.audit.record({
      staffUserId: staff.id,
      action: 'report.exported',
      entityType: 'report',
      entityId: name,
      details: { period: report.period.label, breakdown: report.breakdown, rows: data.rows.length },
    });
    const rows = data.rows.map((row) => [headers.rowLabel(row.key), ...row.cells.map(shownValue)]);
    if (data.totals.length > 0) {
      rows.push([headers.rowLabel('total'), ...data.totals.map(shownValue)]);
    }
    yield* csvChunks([headers.key, ...data.columns.map(headers.columns)], once(rows), { separator });
  }
}

/** Breakdown rows in one order (code points) whichever way they were read: secondary suppression depends on it. */
function byKey<T extends { key: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The rows as the one batch of an async iterable (csvChunks streams batches). */
async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  yield await Promise.resolve(rows);
}

function sum<T>(rows: readonly T[], column: keyof T): number {
  return rows.reduce((total, row) => total + Number(row[column]), 0);
}

function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** `totals`: the column sums unless given (a table whose rows overlap gives its own). */
function table<T extends { key: string }>(
  name: ReportTableName,
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
  givenTotals?: readonly number[],
): ReportTable {
  const values = rows.map((row) => ({ key: row.key, values: columns.map((column) => Number(row[column])) }));
  const totals =
    givenTotals ?? columns.map((_, index) => values.reduce((total, row) => total + row.values[index], 0));
  const protectedTable = protectBreakdown(values, totals);
  return { name, columns: [...columns], ...protectedTable };
}

/** The breakdown asked for: district by default; null for an unknown one (a 400 naming the field). */
export function parseBreakdown(value: unknown): Breakdown | null {
  if (value === undefined || value === '') {
    return 'district';
  }
  return typeof value === 'string' && (BREAKDOWNS as readonly string[]).includes(value)
    ? (value as Breakdown)
    : null;
}
