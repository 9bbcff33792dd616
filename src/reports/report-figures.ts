import type { EntityManager } from 'typeorm';
import { dayAfter } from './domain/period';
import { ROLLUP_RECENT_DAYS } from './report-rollup.service';
import { readPlan } from './domain/rollup-plan';
import { addDays } from '../shared/berlin-time';
import {
  periodFigures,
  rememberCustomPeriod,
  placementRetention,
  rolledEngagement,
  rolledGenders,
  rolledMonths,
  rolledOffers,
  rolledReasons,
  rolledRequests,
  rolledVolunteerMoves,
  rollupCoverage,
  type RolledEngagement,
  type RollupCoverage,
} from './report-rollup.queries';
import { openPeriodFigures } from './report-open.queries';
import {
  engagementFigures,
  helpSeekersByPriorityGroup,
  monthlyFigures,
  newVolunteerAgeBands,
  newVolunteerGenders,
  offerFigures,
  requestFigures,
  timeToMatch,
  unfulfilledReasons,
  volunteerFigures,
  type Breakdown,
  type EngagementFigures,
  type MonthRow,
  type OfferRow,
  type RequestRow,
  type VolunteerRow,
} from './reports.queries';

/** The raw counts of one report, before small-number protection. */
export interface Figures {
  requests: RequestRow[];
  reasons: { key: string; count: number }[];
  ttm: { count: number; medianHours: number | null; p90Hours: number | null };
  offers: OfferRow[];
  volunteers: VolunteerRow[];
  ages: { key: string; count: number }[];
  genders: { key: string; count: number }[];
  priorityGroups: { key: string; count: number }[];
  engagement: EngagementFigures;
  monthly: MonthRow[];
}

/** Every figure from the live tables (`until` and the months' `to` exclusive / inclusive as in reports.queries.ts). */
export async function liveFigures(
  db: EntityManager,
  breakdown: Breakdown,
  from: string,
  until: string,
  months: { from: string; to: string },
  today: string,
): Promise<Figures> {
  const [requests, reasons, ttm, offers, volunteers, ages, genders, priorityGroups, engagement, monthly] =
    await Promise.all([
      requestFigures(db, breakdown, from, until),
      unfulfilledReasons(db, from, until),
      timeToMatch(db, from, until),
      offerFigures(db, breakdown, from, until),
      volunteerFigures(db, from, until),
      newVolunteerAgeBands(db, from, until),
      newVolunteerGenders(db, from, until),
      helpSeekersByPriorityGroup(db, from, until),
      engagementFigures(db, from, until, today),
      monthlyFigures(db, months.from, dayAfter(months.to)),
    ]);
  return { requests, reasons, ttm, offers, volunteers, ages, genders, priorityGroups, engagement, monthly };
}

/**
 * The same figures, reading the rollup where it is current (docs/reports.md "Rollup"):
 * additive counts from `report_daily` for the days before `covered_until` plus the live rest
 * (today); distinct-person figures from `report_period_figure` for a closed calendar month, quarter
 * or year, live otherwise; a range with a day a late edit changed is read live until the job ran.
 */
export async function readFigures(
  db: EntityManager,
  breakdown: Breakdown,
  from: string,
  until: string,
  months: { from: string; to: string },
  today: string,
): Promise<Figures> {
  const monthsUntil = dayAfter(months.to);
  const [coverage, monthCoverage] = await Promise.all([
    rollupCoverage(db, from, until),
    rollupCoverage(db, months.from, monthsUntil),
  ]);
  const plan = readPlan(from, until, coverage);
  const monthPlan = readPlan(months.from, monthsUntil, monthCoverage);
  const stored = plan?.rolledUntil === until ? await periodFigures(db, from, addDaysBack(until)) : null;
  // This month, quarter or year so far: counted by the job up to covered_until.
  const open =
    plan !== null && plan.rolledUntil < until && plan.rolledUntil > from
      ? await openPeriodFigures(db, { from, to: addDaysBack(until), until }, plan.rolledUntil)
      : null;
  // A closed range the job will not redo as a recent day: its live distinct figures are kept.
  const rememberable =
    plan?.rolledUntil === until &&
    coverage.coveredUntil !== null &&
    until <= addDays(coverage.coveredUntil, -ROLLUP_RECENT_DAYS);

  const split = <T>(
    rolled: (lo: string, hi: string) => Promise<T[]>,
    live: (lo: string, hi: string) => Promise<T[]>,
    range: { from: string; until: string },
    rangePlan: { rolledUntil: string } | null,
  ): Promise<T[][]> =>
    rangePlan === null
      ? Promise.all([live(range.from, range.until)])
      : Promise.all([
          rolled(range.from, rangePlan.rolledUntil),
          ...(rangePlan.rolledUntil < range.until ? [live(rangePlan.rolledUntil, range.until)] : []),
        ]);
  const period = { from, until };
  const monthRange = { from: months.from, until: monthsUntil };

  const [requests, reasons, genders, offers, monthly, rest] = await Promise.all([
    split(
      (lo, hi) => rolledRequests(db, breakdown, lo, hi),
      (lo, hi) => requestFigures(db, breakdown, lo, hi),
      period,
      plan,
    ),
    split(
      (lo, hi) => rolledReasons(db, lo, hi),
      (lo, hi) => unfulfilledReasons(db, lo, hi),
      period,
      plan,
    ),
    split(
      (lo, hi) => rolledGenders(db, lo, hi),
      (lo, hi) => newVolunteerGenders(db, lo, hi),
      period,
      plan,
    ),
    split(
      (lo, hi) => rolledOffers(db, breakdown, lo, hi),
      (lo, hi) => offerFigures(db, breakdown, lo, hi),
      period,
      plan,
    ),
    split(
      (lo, hi) => rolledMonths(db, lo, hi),
      (lo, hi) => monthlyFigures(db, lo, hi),
      monthRange,
      monthPlan,
    ),
    stored
      ? fromStored(db, stored, from, until, today)
      : open && plan
        ? fromOpen(db, open, from, plan.rolledUntil, until, today)
        : rememberable
          ? liveDistinctRemembered(db, from, until, today, coverage)
          : liveDistinct(db, from, until, today),
  ]);
  return {
    requests: merge(requests, ['received', 'matched', 'fulfilled', 'cancelled', 'unfulfilled']),
    reasons: merge(reasons, ['count']),
    genders: merge(genders, ['count']),
    offers: merge(offers, ['sent', 'accepted', 'declined', 'noAnswer']),
    monthly: merge(
      monthly.map((part) => part.map((row) => ({ ...row, key: row.month }))),
      ['received', 'matched', 'placementsStarted', 'advisoryInterviews'],
    )
      .map(({ key: _key, ...row }) => row)
      .sort((a, b) => a.month.localeCompare(b.month)),
    ...rest,
  };
}

function addDaysBack(until: string): string {
  const date = new Date(`${until}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

type DistinctPart = Pick<Figures, 'ttm' | 'volunteers' | 'ages' | 'priorityGroups' | 'engagement'>;

async function liveDistinct(
  db: EntityManager,
  from: string,
  until: string,
  today: string,
): Promise<DistinctPart> {
  const [ttm, volunteers, ages, priorityGroups, engagement] = await Promise.all([
    timeToMatch(db, from, until),
    volunteerFigures(db, from, until),
    newVolunteerAgeBands(db, from, until),
    helpSeekersByPriorityGroup(db, from, until),
    engagementFigures(db, from, until, today),
  ]);
  return { ttm, volunteers, ages, priorityGroups, engagement };
}

/**
 * A closed custom range (or a calendar period the job has not stored): computed live once, then
 * stored like a calendar period's figures (docs/reports.md "Custom ranges"), so the page, its CSVs
 * and the printed report read it again in milliseconds.
 */
async function liveDistinctRemembered(
  db: EntityManager,
  from: string,
  until: string,
  today: string,
  seen: RollupCoverage,
): Promise<DistinctPart> {
  const part = await liveDistinct(db, from, until, today);
  await rememberCustomPeriod(db, { from, to: addDaysBack(until), until }, seen, storedRows(part));
  return part;
}

/** The rows `fromStored` reads back (keyed figures only where they occur, as the job stores them). */
function storedRows(part: DistinctPart): { measure: string; key: string; value: number | null }[] {
  return [
    { measure: 'ttm-count', key: '', value: part.ttm.count },
    { measure: 'ttm-median', key: '', value: part.ttm.medianHours },
    { measure: 'ttm-p90', key: '', value: part.ttm.p90Hours },
    ...part.volunteers
      .filter((row) => row.active > 0)
      .map((row) => ({ measure: 'active', key: row.key, value: row.active })),
    ...part.ages
      .filter((row) => row.count > 0)
      .map((row) => ({ measure: 'age', key: row.key, value: row.count })),
    ...part.priorityGroups
      .filter((row) => row.count > 0)
      .map((row) => ({ measure: 'priority-group', key: row.key, value: row.count })),
    { measure: 'hours-volunteers', key: '', value: part.engagement.hoursVolunteers },
    { measure: 'reached', key: '', value: part.engagement.helpSeekersReached },
    { measure: 'enquiries', key: '', value: part.engagement.volunteerEnquiries },
  ];
}

async function fromStored(
  db: EntityManager,
  stored: { measure: string; key: string; value: number | null }[],
  from: string,
  until: string,
  today: string,
): Promise<DistinctPart> {
  const [moves, additive, retention] = await Promise.all([
    rolledVolunteerMoves(db, from, until),
    rolledEngagement(db, from, until),
    placementRetention(db, from, until, today),
  ]);
  return assemble(stored, moves, additive, retention);
}

/**
 * An open period (this month, quarter, year): the distinct figures counted by the job so far plus
 * the people since (`openPeriodFigures`), the additive ones rolled up to `coveredUntil` plus live.
 */
async function fromOpen(
  db: EntityManager,
  stored: { measure: string; key: string; value: number | null }[],
  from: string,
  coveredUntil: string,
  until: string,
  today: string,
): Promise<DistinctPart> {
  const [rolledMoves, rolledAdditive, liveVolunteers, liveEngagement, retention] = await Promise.all([
    rolledVolunteerMoves(db, from, coveredUntil),
    rolledEngagement(db, from, coveredUntil),
    volunteerFigures(db, coveredUntil, until),
    engagementFigures(db, coveredUntil, until, today),
    placementRetention(db, from, until, today),
  ]);
  const moves = merge(
    [rolledMoves, liveVolunteers.map((row) => ({ key: row.key, new: row.new, left: row.left }))],
    ['new', 'left'],
  );
  const additive: RolledEngagement = {
    advisoryInterviews: rolledAdditive.advisoryInterviews + liveEngagement.advisoryInterviews,
    placementsProposed: rolledAdditive.placementsProposed + liveEngagement.placementsProposed,
    placementsStarted: rolledAdditive.placementsStarted + liveEngagement.placementsStarted,
    placementsEnded: rolledAdditive.placementsEnded + liveEngagement.placementsEnded,
    hoursMinutes: rolledAdditive.hoursMinutes + liveEngagement.hoursMinutes,
  };
  return assemble(stored, moves, additive, retention);
}

function assemble(
  stored: { measure: string; key: string; value: number | null }[],
  moves: { key: string; new: number; left: number }[],
  additive: RolledEngagement,
  retention: { eligible3: number; still3: number; eligible12: number; still12: number },
): DistinctPart {
  const value = (measure: string, key = '') =>
    stored.find((row) => row.measure === measure && row.key === key)?.value ?? null;
  const volunteers = new Map<string, VolunteerRow>();
  for (const row of moves) {
    volunteers.set(row.key, { key: row.key, new: row.new, active: 0, left: row.left });
  }
  for (const row of stored.filter((entry) => entry.measure === 'active')) {
    const target = volunteers.get(row.key) ?? { key: row.key, new: 0, active: 0, left: 0 };
    target.active = Number(row.value);
    volunteers.set(row.key, target);
  }
  return {
    ttm: {
      count: Number(value('ttm-count') ?? 0),
      medianHours: value('ttm-median'),
      p90Hours: value('ttm-p90'),
    },
    volunteers: [...volunteers.values()],
    ages: stored
      .filter((row) => row.measure === 'age')
      .map((row) => ({ key: row.key, count: Number(row.value) })),
    priorityGroups: stored
      .filter((row) => row.measure === 'priority-group')
      .map((row) => ({ key: row.key, count: Number(row.value) })),
    engagement: {
      ...additive,
      after3Months: { eligible: retention.eligible3, stillActive: retention.still3 },
      after12Months: { eligible: retention.eligible12, stillActive: retention.still12 },
      hoursVolunteers: Number(value('hours-volunteers') ?? 0),
      helpSeekersReached: Number(value('reached') ?? 0),
      volunteerEnquiries: Number(value('enquiries') ?? 0),
    },
  };
}

/** Rows of several day ranges summed by key. */
function merge<T extends { key: string }>(parts: T[][], columns: (keyof T & string)[]): T[] {
  if (parts.length === 1) {
    return parts[0];
  }
  const byKey = new Map<string, T>();
  for (const row of parts.flat()) {
    const target = byKey.get(row.key);
    if (!target) {
      byKey.set(row.key, { ...row });
      continue;
    }
    for (const column of columns) {
      (target as unknown as Record<string, number>)[column] = Number(target[column]) + Number(row[column]);
    }
  }
  return [...byKey.values()];
}
