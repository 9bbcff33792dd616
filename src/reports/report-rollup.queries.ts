import type { EntityManager } from 'typeorm';
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

const KEY: Record<Breakdown, string> = { district: 'district', category: 'category', source: 'source' };

async function sums(
  db: EntityManager,
  select: string,
  measures: string[],
  from: string,
  until: string,
): Promise<{ key: string; measure: string; n: number }[]> {
  const rows = await db.query<{ key: string; measure: string; n: string }[]>(
    `SELECT ${select} AS key, measure, sum(count) AS n FROM report_daily
      WHERE day >= $1 AND day < $2 AND measure = ANY($3) GROUP BY 1, 2`,
    [from, until, measures],
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
    `''`,
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
    `to_char(day, 'YYYY-MM')`,
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
): Promise<{ coveredUntil: string | null; dirty: boolean }> {
  const [row] = await db.query<{ covered_until: string | null; dirty: boolean }[]>(
    `SELECT (SELECT to_char(covered_until, 'YYYY-MM-DD') FROM report_rollup_state WHERE id = 1) AS covered_until,
            EXISTS (SELECT 1 FROM report_dirty_day WHERE day >= $1::date AND day < $2::date) AS dirty`,
    [from, until],
  );
  return { coveredUntil: row.covered_until, dirty: row.dirty };
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
