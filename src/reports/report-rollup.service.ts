import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays, berlinDateOf } from '../shared/berlin-time';
import {
  calendarPeriodsOf,
  chunked,
  closedPeriodsSince,
  closedPeriodsTouching,
  dayRanges,
  monthsAmong,
  type CalendarPeriod,
  type DayRange,
} from './domain/rollup-plan';
import {
  forgetCustomPeriods,
  recomputeDays,
  recomputeMonths,
  recomputePeriods,
} from './report-rollup.queries';
import { openFactsFrom, recomputeOpenFacts, recomputeOpenFigures } from './report-open.queries';

/** Each run recomputes at least the last days before today (edits made on a day just before midnight). */
export const ROLLUP_RECENT_DAYS = 2;
/** A backfill works through the history in pieces of this many days. */
const BACKFILL_CHUNK_DAYS = 92;

export interface RollupRun {
  coveredUntil: string;
  days: number;
  periods: number;
  lateDays: number;
  /** Milliseconds spent on the days, the monthly sums, the closed and the open periods' distinct figures. */
  took: { days: number; months: number; periods: number; open: number };
}

/**
 * Fills the report rollup (docs/reports.md "Rollup"), called by the `reports` queue every
 * 10 minutes: the first run backfills the whole history; later runs recompute the last
 * ROLLUP_RECENT_DAYS days, every day since the previous run, and every past day a late edit changed
 * (report_dirty_day, written by triggers), plus the closed calendar months, quarters and years those
 * days lie in. One REPEATABLE READ transaction: what it reads, writes and clears is one snapshot, so
 * an edit committed meanwhile stays logged for the next run.
 */
@Injectable()
export class ReportRollupService {
  private readonly logger = new Logger(ReportRollupService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when another run holds the lock. */
  async refresh(now = new Date()): Promise<RollupRun | null> {
    const today = berlinDateOf(now);
    const run = await this.dataSource.transaction('REPEATABLE READ', async (db) => {
      const [{ locked }] = await db.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext('nahbar-report-rollup')) AS locked`,
      );
      if (!locked) {
        return null;
      }
      const [state] = await db.query<{ covered_until: string }[]>(
        `SELECT to_char(covered_until, 'YYYY-MM-DD') AS covered_until FROM report_rollup_state WHERE id = 1`,
      );
      const [dirty] = await db.query<{ max_id: string | null; days: string[] | null }[]>(
        `SELECT max(id) AS max_id, array_agg(DISTINCT to_char(day, 'YYYY-MM-DD')) FILTER (WHERE day < $1::date) AS days
           FROM report_dirty_day`,
        [today],
      );
      const lateDays = dirty.days ?? [];
      let ranges: DayRange[];
      let periods: CalendarPeriod[];
      if (!state) {
        const earliest = (await earliestDay(db)) ?? today;
        ranges = earliest < today ? chunked({ from: earliest, until: today }, BACKFILL_CHUNK_DAYS) : [];
        periods = closedPeriodsSince(earliest, today);
      } else {
        const recentFrom = addDays(today, -ROLLUP_RECENT_DAYS);
        const start = state.covered_until < recentFrom ? state.covered_until : recentFrom;
        const recent = start < today ? chunked({ from: start, until: today }, BACKFILL_CHUNK_DAYS) : [];
        ranges = [...dayRanges(lateDays.filter((day) => day < start)), ...recent];
        periods = closedPeriodsTouching(daysOf(ranges), today);
      }
      // Stored custom ranges a late edit touched are computed live again on their next view.
      await forgetCustomPeriods(db, dayRanges(lateDays));
      const started = Date.now();
      for (const range of ranges) {
        await recomputeDays(db, range.from, range.until);
      }
      const daysDone = Date.now();
      await recomputeMonths(db, monthsAmong(periods));
      const monthsDone = Date.now();
      await recomputePeriods(db, periods);
      const periodsDone = Date.now();
      await recomputeOpenFacts(db, ranges, today, (range) => chunked(range, BACKFILL_CHUNK_DAYS));
      await recomputeOpenFigures(
        db,
        calendarPeriodsOf(today).filter((period) => period.from < today),
        today,
      );
      const took = {
        days: daysDone - started,
        months: monthsDone - daysDone,
        periods: periodsDone - monthsDone,
        open: Date.now() - periodsDone,
      };
      if (dirty.max_id !== null) {
        await db.query(`DELETE FROM report_dirty_day WHERE id <= $1`, [dirty.max_id]);
      }
      await db.query(
        `INSERT INTO report_rollup_state (id, covered_until, refreshed_at, open_facts_from) VALUES (1, $1, now(), $2)
         ON CONFLICT (id) DO UPDATE SET covered_until = EXCLUDED.covered_until, refreshed_at = EXCLUDED.refreshed_at,
                                        open_facts_from = EXCLUDED.open_facts_from`,
        [today, openFactsFrom(today)],
      );
      return {
        coveredUntil: today,
        days: daysOf(ranges).length,
        periods: periods.length,
        lateDays: lateDays.length,
        took,
      };
    });
    if (run) {
      this.logger.log(
        `report rollup: ${run.days} days, ${run.periods} periods recomputed (${run.lateDays} late), covers days before ${run.coveredUntil} (days ${run.took.days} ms, months ${run.took.months} ms, periods ${run.took.periods} ms, open periods ${run.took.open} ms)`,
      );
    }
    return run;
  }
}

function daysOf(ranges: DayRange[]): string[] {
  const days: string[] = [];
  for (const range of ranges) {
    for (let day = range.from; day < range.until; day = addDays(day, 1)) {
      days.push(day);
    }
  }
  return days;
}

/** The first Berlin day any report figure could count (null: no data yet). */
async function earliestDay(db: EntityManager): Promise<string | null> {
  const [row] = await db.query<{ day: string | null }[]>(
    `SELECT to_char(least(
       (least((SELECT min(created_at) FROM help_request), (SELECT min(matched_at) FROM help_request),
              (SELECT min(closed_at) FROM help_request), (SELECT min(offered_at) FROM match),
              (SELECT min(responded_at) FROM match), (SELECT min(created_at) FROM volunteer),
              (SELECT min(erased_at) FROM volunteer), (SELECT min(proposed_at) FROM placement),
              (SELECT min(created_at) FROM placement)) AT TIME ZONE 'Europe/Berlin')::date,
       (SELECT min(worked_on) FROM hour_entry), (SELECT min(held_on) FROM advisory_interview),
       (SELECT min(started_on) FROM placement), (SELECT min(ended_on) FROM placement)), 'YYYY-MM-DD') AS day`,
  );
  return row.day;
}
