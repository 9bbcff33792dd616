import type { EntityManager } from 'typeorm';
import { periodSpans, wholeMonths, type CalendarPeriod } from './domain/rollup-plan';
import type { Breakdown, MonthRow, OfferRow, RequestRow } from './reports.queries';

/*
 * The rollup's SQL (docs/reports.md "Rollup"). `report_daily` holds every additive figure per
 * Berlin day, by the request's district/category/source where the report breaks it down (volunteer
 * figures by the volunteer's district in `district`), with `detail` for the unfulfilled reason and
 * the new volunteer's gender.
 * Each measure is defined exactly as its live query in reports.queries.ts; the rollup e2e test
 * compares the two. Days are half-open ranges `[$1, $2)` of Berlin calendar days.
 */

const RANGE = `(SELECT $1::date::timestamp AT TIME ZONE 'Europe/Berlin' AS lo, $2::date::timestamp AT TIME ZONE 'Europe/Berlin' AS hi)`;
const IN = (column: string) => `(${column} >= b.lo AND ${column} < b.hi)`;
const DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/Berlin')::date`;
const DIMS = `coalesce(r.district, ''), r.category, r.source`;

/** Replaces the rollup rows of the days `[from, until)` with the live counts of those days. */
export async function recomputeDays(db: EntityManager, from: string, until: string): Promise<void> {
  await db.query(`DELETE FROM report_daily WHERE day >= $1 AND day < $2`, [from, until]);
  await db.query(
    `INSERT INTO report_daily (day, measure, district, category, source, detail, count)
     SELECT day, measure, district, category, source, detail, sum(n)
       FROM (
         SELECT ${DAY('r.created_at')}, 'received', ${DIMS}, '', 1
           FROM help_request r, ${RANGE} b WHERE ${IN('r.created_at')} AND r.status <> 'rejected'
         UNION ALL
         SELECT ${DAY('r.matched_at')}, 'matched', ${DIMS}, '', 1
           FROM help_request r, ${RANGE} b WHERE ${IN('r.matched_at')}
         UNION ALL
         SELECT ${DAY('r.closed_at')}, CASE r.status WHEN 'done' THEN 'fulfilled' ELSE r.status END, ${DIMS}, '', 1
           FROM help_request r, ${RANGE} b WHERE ${IN('r.closed_at')} AND r.status IN ('done', 'cancelled', 'unfulfilled')
         UNION ALL
         SELECT ${DAY('r.closed_at')}, 'reason', ${DIMS}, coalesce(r.close_reason, ''), 1
           FROM help_request r, ${RANGE} b WHERE ${IN('r.closed_at')} AND r.status = 'unfulfilled'
         UNION ALL
         SELECT ${DAY('m.offered_at')}, 'offer-sent', ${DIMS}, '', 1
           FROM match m JOIN help_request r ON r.id = m.request_id, ${RANGE} b WHERE ${IN('m.offered_at')}
         UNION ALL
         SELECT ${DAY('m.offered_at')},
                CASE WHEN m.status IN ('accepted', 'dropped-out') THEN 'offer-accepted'
                     WHEN m.status = 'declined' THEN 'offer-declined' ELSE 'offer-expired' END, ${DIMS}, '', 1
           FROM match m JOIN help_request r ON r.id = m.request_id, ${RANGE} b
          WHERE ${IN('m.offered_at')} AND m.status IN ('accepted', 'dropped-out', 'declined', 'expired')
         UNION ALL
         SELECT ${DAY('v.created_at')}, 'volunteer-new', coalesce(v.district, ''), '', '', '', 1
           FROM volunteer v, ${RANGE} b WHERE ${IN('v.created_at')}
         UNION ALL
         SELECT ${DAY('v.created_at')}, 'volunteer-gender', '', '', '', coalesce(v.gender, 'not-given'), 1
           FROM volunteer v, ${RANGE} b WHERE ${IN('v.created_at')}
         UNION ALL
         SELECT ${DAY('v.erased_at')}, 'volunteer-left', coalesce(v.district, ''), '', '', '', 1
           FROM volunteer v, ${RANGE} b WHERE ${IN('v.erased_at')}
         UNION ALL
         SELECT h.worked_on, 'hour-minutes', '', '', '', '', h.minutes
           FROM hour_entry h WHERE h.status = 'approved' AND h.worked_on >= $1::date AND h.worked_on < $2::date
         UNION ALL
         SELECT a.held_on, 'interview', '', '', '', '', 1
           FROM advisory_interview a WHERE a.held_on >= $1::date AND a.held_on < $2::date
         UNION ALL
         SELECT ${DAY('p.proposed_at')}, 'placement-proposed', '', '', '', '', 1
           FROM placement p, ${RANGE} b WHERE ${IN('p.proposed_at')}
         UNION ALL
         SELECT p.started_on, 'placement-started', '', '', '', '', 1
           FROM placement p WHERE p.started_on >= $1::date AND p.started_on < $2::date
         UNION ALL
         SELECT p.ended_on, 'placement-ended', '', '', '', '', 1
           FROM placement p WHERE p.ended_on >= $1::date AND p.ended_on < $2::date
       ) AS e (day, measure, district, category, source, detail, n)
      GROUP BY day, measure, district, category, source, detail`,
    [from, until],
  );
}

/*
 * The distinct-person figures of closed calendar months, quarters and years (`report_period_figure`),
 * many periods per query: each measure is one grouped pass over a span of history (docs/reports.md
 * "Rollup", "Backfill"). Every fact is counted in its Berlin month and in the quarter and year of
 * that month (PERIODS_OF), kept only for the wanted periods (`periods`: $1 first days, $2 last
 * days), then grouped by period. Each measure is defined exactly as its live per-period query in
 * reports.queries.ts (which stays the definition); the rollup e2e test compares the stored rows
 * with the live queries for every period. `$3`/`$4`: the span's days `[from, until)`.
 */
const SPAN = `(SELECT $3::date::timestamp AT TIME ZONE 'Europe/Berlin' AS lo, $4::date::timestamp AT TIME ZONE 'Europe/Berlin' AS hi)`;
const IN_SPAN = (column: string) => `${column} >= $3::date AND ${column} < $4::date`;
/** The first day of the Berlin month of a timestamp (or of a date column with `date: true`). */
const MONTH = (column: string, date = false) =>
  date
    ? `date_trunc('month', ${column}::timestamp)::date`
    : `date_trunc('month', ${column} AT TIME ZONE 'Europe/Berlin')::date`;
/** The wanted periods (alias `c`: period_from, period_to) a fact of the month `f.month` counts in. */
const PERIODS_OF = `CROSS JOIN LATERAL (VALUES
    (f.month, (f.month + interval '1 month - 1 day')::date),
    (date_trunc('quarter', f.month::timestamp)::date, (date_trunc('quarter', f.month::timestamp) + interval '3 months - 1 day')::date),
    (date_trunc('year', f.month::timestamp)::date, (date_trunc('year', f.month::timestamp) + interval '1 year - 1 day')::date)
  ) AS c (period_from, period_to)
  JOIN periods wanted ON wanted.period_from = c.period_from AND wanted.period_to = c.period_to`;

/** How many distinct people (`facts`: id, month) each wanted period has, 0 included. */
const distinctPeople = (measure: string, facts: string) =>
  `SELECT w.period_from, w.period_to, '${measure}' AS measure, '' AS key, coalesce(t.n, 0)::float8 AS value
     FROM periods w
     LEFT JOIN (SELECT c.period_from, c.period_to, count(DISTINCT f.id) AS n
                  FROM (${facts}) AS f (id, month) ${PERIODS_OF}
                 GROUP BY 1, 2) t ON t.period_from = w.period_from AND t.period_to = w.period_to`;

export interface PeriodMeasure {
  /** What it computes (the stored `measure` names). */
  name: string;
  /** Selects period_from, period_to, measure, key, value for the wanted periods (`periods`, $1–$4). */
  sql: string;
  /**
   * Plan without nested loops: the planner underestimates the rows after the month → period
   * expansion about a hundredfold and would then look each row's volunteer up by index (0.7M
   * lookups at a tenth of the full size) instead of hashing the volunteer table once.
   */
  hashJoins?: boolean;
}

/**
 * The distinct-person figures stored per closed period; one more figure is one more entry.
 * Keyed figures store only keys that occur (as the live queries return them); scalar ones store a
 * row for every period.
 */
export const PERIOD_MEASURES: PeriodMeasure[] = [
  {
    // volunteerFigures: active = accepted an offer, started a placement or had approved hours; by the volunteer's district.
    name: 'active',
    hashJoins: true,
    // The district is looked up once per volunteer and month (not per period), then counted per period.
    sql: `SELECT c.period_from, c.period_to, 'active' AS measure, f.district AS key, count(DISTINCT f.id)::float8 AS value
            FROM (SELECT a.id, a.month, coalesce(v.district, '') AS district
                    FROM (SELECT DISTINCT id, month FROM (
                            SELECT m.volunteer_id, ${MONTH('m.responded_at')} FROM match m, ${SPAN} b
                             WHERE m.status IN ('accepted', 'dropped-out') AND ${IN('m.responded_at')}
                            UNION ALL
                            SELECT p.volunteer_id, ${MONTH('p.started_on', true)} FROM placement p WHERE ${IN_SPAN('p.started_on')}
                            UNION ALL
                            SELECT h.volunteer_id, ${MONTH('h.worked_on', true)} FROM hour_entry h
                             WHERE h.status = 'approved' AND ${IN_SPAN('h.worked_on')}
                          ) AS facts (id, month)) AS a
                    JOIN volunteer v ON v.id = a.id) AS f ${PERIODS_OF}
           GROUP BY 1, 2, 4`,
  },
  {
    // newVolunteerAgeBands: new volunteers by age on the period's last day.
    name: 'age',
    sql: `SELECT c.period_from, c.period_to, 'age' AS measure,
                 CASE WHEN f.birth_date IS NULL THEN 'not-given'
                      WHEN age(c.period_to, f.birth_date) < interval '18 years' THEN 'under-18'
                      WHEN age(c.period_to, f.birth_date) < interval '30 years' THEN '18-29'
                      WHEN age(c.period_to, f.birth_date) < interval '50 years' THEN '30-49'
                      WHEN age(c.period_to, f.birth_date) < interval '70 years' THEN '50-69'
                      ELSE '70-plus' END AS key,
                 count(*)::float8 AS value
            FROM (SELECT v.birth_date, ${MONTH('v.created_at')} FROM volunteer v, ${SPAN} b WHERE ${IN('v.created_at')})
                 AS f (birth_date, month) ${PERIODS_OF}
           GROUP BY 1, 2, 4`,
  },
  {
    // timeToMatch: count, nearest-rank median and p90 of the hours to match of requests matched in the period.
    name: 'ttm',
    sql: `SELECT w.period_from, w.period_to, u.measure, '' AS key, u.value
            FROM periods w
            LEFT JOIN (SELECT c.period_from, c.period_to, count(*) AS n,
                              percentile_disc(0.5) WITHIN GROUP (ORDER BY f.hours) AS median,
                              percentile_disc(0.9) WITHIN GROUP (ORDER BY f.hours) AS p90
                         FROM (SELECT extract(epoch FROM r.matched_at - r.created_at) / 3600, ${MONTH('r.matched_at')}
                                 FROM help_request r, ${SPAN} b WHERE ${IN('r.matched_at')}) AS f (hours, month) ${PERIODS_OF}
                        GROUP BY 1, 2) t ON t.period_from = w.period_from AND t.period_to = w.period_to
            CROSS JOIN LATERAL (VALUES ('ttm-count', coalesce(t.n, 0)::float8), ('ttm-median', t.median::float8),
                                       ('ttm-p90', t.p90::float8)) AS u (measure, value)`,
  },
  {
    // engagementFigures: distinct help-seekers of the requests received (not rejected).
    name: 'reached',
    sql: distinctPeople(
      'reached',
      `SELECT r.help_seeker_id, ${MONTH('r.created_at')} FROM help_request r, ${SPAN} b
        WHERE ${IN('r.created_at')} AND r.status <> 'rejected'`,
    ),
  },
  {
    // helpSeekersByPriorityGroup: distinct help-seekers reached, per priority group they gave ('not-given': none).
    name: 'priority-group',
    sql: `SELECT c.period_from, c.period_to, 'priority-group' AS measure,
                 coalesce(g.priority_group, 'not-given') AS key, count(DISTINCT f.id)::float8 AS value
            FROM (SELECT r.help_seeker_id, ${MONTH('r.created_at')} FROM help_request r, ${SPAN} b
                   WHERE ${IN('r.created_at')} AND r.status <> 'rejected') AS f (id, month) ${PERIODS_OF}
            JOIN help_seeker s ON s.id = f.id
            LEFT JOIN LATERAL unnest(s.priority_groups) AS g (priority_group) ON true
           GROUP BY 1, 2, 4`,
  },
  {
    // engagementFigures: distinct volunteers with approved hours.
    name: 'hours-volunteers',
    sql: distinctPeople(
      'hours-volunteers',
      `SELECT h.volunteer_id, ${MONTH('h.worked_on', true)} FROM hour_entry h
        WHERE h.status = 'approved' AND ${IN_SPAN('h.worked_on')}`,
    ),
  },
  {
    // engagementFigures: volunteers who signed up or expressed interest in an opportunity themselves.
    name: 'enquiries',
    sql: distinctPeople(
      'enquiries',
      `SELECT v.id, ${MONTH('v.created_at')} FROM volunteer v, ${SPAN} b WHERE ${IN('v.created_at')}
       UNION ALL
       SELECT p.volunteer_id, ${MONTH('p.created_at')} FROM placement p, ${SPAN} b
        WHERE p.source = 'public-interest' AND ${IN('p.created_at')}`,
    ),
  },
];

/**
 * Replaces the stored distinct-person figures of the given closed periods: one grouped query per
 * measure and span of history (periodSpans), not one query per period and measure.
 */
export async function recomputePeriods(db: EntityManager, periods: CalendarPeriod[]): Promise<void> {
  if (periods.length === 0) {
    return;
  }
  const bounds = (list: CalendarPeriod[]) => [
    list.map((period) => period.from),
    list.map((period) => period.to),
  ];
  await db.query(
    `DELETE FROM report_period_figure f USING unnest($1::date[], $2::date[]) AS p (period_from, period_to)
      WHERE f.period_from = p.period_from AND f.period_to = p.period_to`,
    bounds(periods),
  );
  await db.query(
    `INSERT INTO report_period_figure (period_from, period_to, measure, key, value)
     SELECT period_from, period_to, 'computed', '', 1 FROM unnest($1::date[], $2::date[]) AS p (period_from, period_to)`,
    bounds(periods),
  );
  for (const { span, periods: inSpan } of periodSpans(periods)) {
    for (const measure of PERIOD_MEASURES) {
      if (measure.hashJoins) {
        await db.query(`SET LOCAL enable_nestloop = off`);
      }
      await db.query(
        `WITH periods AS (SELECT * FROM unnest($1::date[], $2::date[]) AS p (period_from, period_to))
         INSERT INTO report_period_figure (period_from, period_to, measure, key, value)
         SELECT period_from, period_to, measure, key, value FROM (${measure.sql}) AS figures`,
        [...bounds(inSpan), span.from, span.until],
      );
      if (measure.hashJoins) {
        await db.query(`SET LOCAL enable_nestloop TO DEFAULT`);
      }
    }
  }
}

/**
 * Replaces the monthly sums (`report_monthly`) of the given closed months (their first days) with
 * the sums of their `report_daily` rows by each single dimension and in total. Called after the
 * days were recomputed, in the same transaction.
 */
export async function recomputeMonths(db: EntityManager, months: string[]): Promise<void> {
  if (months.length === 0) {
    return;
  }
  await db.query(`DELETE FROM report_monthly WHERE month = ANY($1::date[])`, [months]);
  await db.query(
    `INSERT INTO report_monthly (month, measure, dim, key, count)
     SELECT month, measure,
            CASE WHEN GROUPING(district) = 0 THEN 'district' WHEN GROUPING(category) = 0 THEN 'category'
                 WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(detail) = 0 THEN 'detail' ELSE '' END,
            coalesce(district, category, source, detail, ''), sum(count)
       FROM (SELECT date_trunc('month', day::timestamp)::date AS month, measure, district, category, source, detail, count
               FROM report_daily
              WHERE day >= (SELECT min(m) FROM unnest($1::date[]) m)
                AND day < (SELECT max(m) + interval '1 month' FROM unnest($1::date[]) m)) d
      WHERE month = ANY($1::date[])
      GROUP BY GROUPING SETS ((month, measure, district), (month, measure, category), (month, measure, source),
                              (month, measure, detail), (month, measure))`,
    [months],
  );
}

/** What a sum is keyed by: one dimension of report_daily, nothing (the total), or the month. */
type SumBy = Breakdown | 'detail' | 'total' | 'month';

const KEY: Record<Breakdown, SumBy> = { district: 'district', category: 'category', source: 'source' };

/**
 * The sums of `measures` over the rolled-up days `[from, until)` by `by`: whole months from
 * `report_monthly` (every month that ends before `until` is closed and rolled up there), the days
 * at the edges from `report_daily`.
 */
async function sums(
  db: EntityManager,
  by: SumBy,
  measures: string[],
  from: string,
  until: string,
): Promise<{ key: string; measure: string; n: number }[]> {
  const { monthsFrom, monthsUntil } = wholeMonths(from, until);
  const dailyKey = by === 'total' ? `''` : by === 'month' ? `to_char(day, 'YYYY-MM')` : by;
  const monthlyKey = by === 'month' ? `to_char(month, 'YYYY-MM')` : 'key';
  const dim = by === 'total' || by === 'month' ? '' : by;
  const rows = await db.query<{ key: string; measure: string; n: string }[]>(
    `SELECT key, measure, sum(n) AS n FROM (
       SELECT ${dailyKey} AS key, measure, count AS n FROM report_daily
        WHERE ((day >= $1 AND day < $2) OR (day >= $3 AND day < $4)) AND measure = ANY($5)
       UNION ALL
       SELECT ${monthlyKey}, measure, count FROM report_monthly
        WHERE dim = $6 AND measure = ANY($5) AND month >= $2 AND month < $3
     ) AS parts GROUP BY 1, 2`,
    [from, monthsFrom, monthsUntil, until, measures, dim],
  );
  return rows.map((row) => ({ key: row.key, measure: row.measure, n: Number(row.n) }));
}

function pivot<T extends { key: string }>(
  rows: { key: string; measure: string; n: number }[],
  columns: Record<string, keyof T>,
  empty: (key: string) => T,
): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const target = byKey.get(row.key) ?? empty(row.key);
    (target as Record<string, unknown>)[columns[row.measure] as string] = row.n;
    byKey.set(row.key, target);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export async function rolledRequests(
  db: EntityManager,
  breakdown: Breakdown,
  from: string,
  until: string,
): Promise<RequestRow[]> {
  const rows = await sums(
    db,
    KEY[breakdown],
    ['received', 'matched', 'fulfilled', 'cancelled', 'unfulfilled'],
    from,
    until,
  );
  return pivot<RequestRow>(
    rows,
    {
      received: 'received',
      matched: 'matched',
      fulfilled: 'fulfilled',
      cancelled: 'cancelled',
      unfulfilled: 'unfulfilled',
    },
    (key) => ({ key, received: 0, matched: 0, fulfilled: 0, cancelled: 0, unfulfilled: 0 }),
  );
}

export async function rolledReasons(
  db: EntityManager,
  from: string,
  until: string,
): Promise<{ key: string; count: number }[]> {
  const rows = await sums(db, 'detail', ['reason'], from, until);
  return pivot<{ key: string; count: number }>(rows, { reason: 'count' }, (key) => ({ key, count: 0 }));
}

/** New volunteers by gender ('not-given' for none), summed over the days. */
export async function rolledGenders(
  db: EntityManager,
  from: string,
  until: string,
): Promise<{ key: string; count: number }[]> {
  const rows = await sums(db, 'detail', ['volunteer-gender'], from, until);
  return pivot<{ key: string; count: number }>(rows, { 'volunteer-gender': 'count' }, (key) => ({
    key,
    count: 0,
  }));
}

export async function rolledOffers(
  db: EntityManager,
  breakdown: Breakdown,
  from: string,
  until: string,
): Promise<OfferRow[]> {
  const rows = await sums(
    db,
    KEY[breakdown],
    ['offer-sent', 'offer-accepted', 'offer-declined', 'offer-expired'],
    from,
    until,
  );
  return pivot<OfferRow>(
    rows,
    {
      'offer-sent': 'sent',
      'offer-accepted': 'accepted',
      'offer-declined': 'declined',
      'offer-expired': 'noAnswer',
    },
    (key) => ({ key, sent: 0, accepted: 0, declined: 0, noAnswer: 0 }),
  );
}

/** New and left volunteers by their district (active ones are distinct people: not summed by day). */
export async function rolledVolunteerMoves(
  db: EntityManager,
  from: string,
  until: string,
): Promise<{ key: string; new: number; left: number }[]> {
  const rows = await sums(db, 'district', ['volunteer-new', 'volunteer-left'], from, until);
  return pivot<{ key: string; new: number; left: number }>(
    rows,
    { 'volunteer-new': 'new', 'volunteer-left': 'left' },
    (key) => ({ key, new: 0, left: 0 }),
  );
}

export interface RolledEngagement {
  advisoryInterviews: number;
  placementsProposed: number;
  placementsStarted: number;
  placementsEnded: number;
  hoursMinutes: number;
}

export async function rolledEngagement(
  db: EntityManager,
  from: string,
  until: string,
): Promise<RolledEngagement> {
  const rows = await sums(
    db,
    'total',
    ['interview', 'placement-proposed', 'placement-started', 'placement-ended', 'hour-minutes'],
    from,
    until,
  );
  const of = (measure: string) => rows.find((row) => row.measure === measure)?.n ?? 0;
  return {
    advisoryInterviews: of('interview'),
    placementsProposed: of('placement-proposed'),
    placementsStarted: of('placement-started'),
    placementsEnded: of('placement-ended'),
    hoursMinutes: of('hour-minutes'),
  };
}

export async function rolledMonths(db: EntityManager, from: string, until: string): Promise<MonthRow[]> {
  const rows = await sums(
    db,
    'month',
    ['received', 'matched', 'placement-started', 'interview'],
    from,
    until,
  );
  return pivot<MonthRow & { key: string }>(
    rows,
    {
      received: 'received',
      matched: 'matched',
      'placement-started': 'placementsStarted',
      interview: 'advisoryInterviews',
    },
    (key) => ({ key, month: key, received: 0, matched: 0, placementsStarted: 0, advisoryInterviews: 0 }),
  ).map(({ key: _key, ...row }) => row);
}

/** Of the placements started in the period: eligible and still active after 3/12 months (depends on today: always live). */
export async function placementRetention(
  db: EntityManager,
  from: string,
  until: string,
  today: string,
): Promise<{ eligible3: number; still3: number; eligible12: number; still12: number }> {
  const [row] = await db.query<Record<string, string>[]>(
    `SELECT count(*) FILTER (WHERE p.started_on + interval '3 months' <= $3::date) AS eligible3,
            count(*) FILTER (WHERE p.started_on + interval '3 months' <= $3::date
              AND (p.ended_on IS NULL OR p.ended_on >= p.started_on + interval '3 months')) AS still3,
            count(*) FILTER (WHERE p.started_on + interval '12 months' <= $3::date) AS eligible12,
            count(*) FILTER (WHERE p.started_on + interval '12 months' <= $3::date
              AND (p.ended_on IS NULL OR p.ended_on >= p.started_on + interval '12 months')) AS still12
       FROM placement p WHERE p.started_on >= $1::date AND p.started_on < $2::date`,
    [from, until, today],
  );
  return {
    eligible3: Number(row.eligible3),
    still3: Number(row.still3),
    eligible12: Number(row.eligible12),
    still12: Number(row.still12),
  };
}

/** How far the rollup reaches (days before it are rolled up) and whether `[from, until)` has a day a late edit changed. */
export async function rollupCoverage(
  db: EntityManager,
  from: string,
  until: string,
): Promise<RollupCoverage> {
  const [row] = await db.query<
    { covered_until: string | null; refreshed_at: string | null; dirty: boolean }[]
  >(
    `SELECT (SELECT to_char(covered_until, 'YYYY-MM-DD') FROM report_rollup_state WHERE id = 1) AS covered_until,
            (SELECT refreshed_at::text FROM report_rollup_state WHERE id = 1) AS refreshed_at,
            EXISTS (SELECT 1 FROM report_dirty_day WHERE day >= $1::date AND day < $2::date) AS dirty`,
    [from, until],
  );
  return { coveredUntil: row.covered_until, refreshedAt: row.refreshed_at, dirty: row.dirty };
}

export interface RollupCoverage {
  coveredUntil: string | null;
  /** When the job last ran: a figure computed before a run may predate the edits it processed. */
  refreshedAt: string | null;
  dirty: boolean;
}

/** The stored figures of a custom range carry this marker row (calendar periods: key ''). */
export const CUSTOM_PERIOD_MARKER = { measure: 'computed', key: 'custom' } as const;

/**
 * Keeps the distinct-person figures of a closed custom range (computed live) like a calendar
 * period's, unless the rollup ran or a day of the range was edited late since `seen` was read
 * (then the figures may predate that edit) or the job holds its lock. The job forgets a custom
 * range when a late edit touches it (`forgetCustomPeriods`). False when nothing was stored.
 */
export async function rememberCustomPeriod(
  db: EntityManager,
  period: { from: string; to: string; until: string },
  seen: RollupCoverage,
  rows: { measure: string; key: string; value: number | null }[],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock_shared(hashtext('nahbar-report-rollup')) AS locked`,
    );
    if (!locked) {
      return false;
    }
    const now = await rollupCoverage(tx, period.from, period.until);
    if (now.dirty || now.refreshedAt !== seen.refreshedAt) {
      return false;
    }
    const all = [{ ...CUSTOM_PERIOD_MARKER, value: 1 }, ...rows];
    await tx.query(
      `INSERT INTO report_period_figure (period_from, period_to, measure, key, value)
       SELECT $1, $2, measure, key, value FROM unnest($3::text[], $4::text[], $5::float8[]) AS r (measure, key, value)
       ON CONFLICT DO NOTHING`,
      [
        period.from,
        period.to,
        all.map((row) => row.measure),
        all.map((row) => row.key),
        all.map((row) => row.value),
      ],
    );
    return true;
  });
}

/** Drops the stored custom ranges that overlap any of the (late-edited) day ranges `[from, until)`. */
export async function forgetCustomPeriods(
  db: EntityManager,
  ranges: { from: string; until: string }[],
): Promise<void> {
  if (ranges.length === 0) {
    return;
  }
  await db.query(
    `DELETE FROM report_period_figure f
      USING (SELECT DISTINCT c.period_from, c.period_to
               FROM report_period_figure c, unnest($1::date[], $2::date[]) AS r (lo, hi)
              WHERE c.measure = $3 AND c.key = $4 AND c.period_from < r.hi AND c.period_to >= r.lo) x
      WHERE f.period_from = x.period_from AND f.period_to = x.period_to`,
    [
      ranges.map((range) => range.from),
      ranges.map((range) => range.until),
      CUSTOM_PERIOD_MARKER.measure,
      CUSTOM_PERIOD_MARKER.key,
    ],
  );
}

/** The distinct-person figures of one closed calendar period, or null when they are not rolled up. */
export async function periodFigures(
  db: EntityManager,
  from: string,
  to: string,
): Promise<{ measure: string; key: string; value: number | null }[] | null> {
  const rows = await db.query<{ measure: string; key: string; value: number | null }[]>(
    `SELECT measure, key, value FROM report_period_figure WHERE period_from = $1 AND period_to = $2`,
    [from, to],
  );
  return rows.some((row) => row.measure === 'computed') ? rows : null;
}
