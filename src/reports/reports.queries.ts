import type { EntityManager } from 'typeorm';

/*
 * Read model of the reports: plain SQL over the live tables (docs/reports.md says which table,
 * timestamp and statuses each figure reads). Every period is a half-open range of Berlin calendar
 * days: `$1` is the first day, `$2` the day after the last; timestamps are compared with the Berlin
 * midnights of those days, so the indexes on created_at, matched_at … are used.
 */

export const BREAKDOWNS = ['district', 'category', 'source'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

const REQUEST_KEY: Record<Breakdown, string> = {
  district: `coalesce(r.district, '')`,
  category: 'r.category',
  source: 'r.source',
};

const RANGE = `(SELECT $1::timestamp AT TIME ZONE 'Europe/Berlin' AS lo, $2::timestamp AT TIME ZONE 'Europe/Berlin' AS hi)`;
const IN = (column: string) => `(${column} >= b.lo AND ${column} < b.hi)`;

export interface RequestRow {
  key: string;
  received: number;
  matched: number;
  fulfilled: number;
  cancelled: number;
  unfulfilled: number;
}

export async function requestFigures(
  db: EntityManager,
  breakdown: Breakdown,
  from: string,
  toExclusive: string,
): Promise<RequestRow[]> {
  const rows = await db.query<Record<string, string>[]>(
    `SELECT ${REQUEST_KEY[breakdown]} AS key,
            count(*) FILTER (WHERE ${IN('r.created_at')} AND r.status <> 'rejected') AS received,
            count(*) FILTER (WHERE ${IN('r.matched_at')}) AS matched,
            count(*) FILTER (WHERE r.status = 'done' AND ${IN('r.closed_at')}) AS fulfilled,
            count(*) FILTER (WHERE r.status = 'cancelled' AND ${IN('r.closed_at')}) AS cancelled,
            count(*) FILTER (WHERE r.status = 'unfulfilled' AND ${IN('r.closed_at')}) AS unfulfilled
       FROM help_request r, ${RANGE} b
      WHERE ${IN('r.created_at')} OR ${IN('r.matched_at')} OR ${IN('r.closed_at')}
      GROUP BY 1 ORDER BY 1`,
    [from, toExclusive],
  );
  return rows.map((row) => ({
    key: row.key,
    received: Number(row.received),
    matched: Number(row.matched),
    fulfilled: Number(row.fulfilled),
    cancelled: Number(row.cancelled),
    unfulfilled: Number(row.unfulfilled),
  }));
}

/** Unfulfilled requests closed in the period, by their reason (null: none given). */
export async function unfulfilledReasons(
  db: EntityManager,
  from: string,
  toExclusive: string,
): Promise<{ key: string; count: number }[]> {
  const rows = await db.query<{ key: string | null; count: string }[]>(
    `SELECT r.close_reason AS key, count(*) AS count
       FROM help_request r, ${RANGE} b
      WHERE r.status = 'unfulfilled' AND ${IN('r.closed_at')}
      GROUP BY 1 ORDER BY 1`,
    [from, toExclusive],
  );
  return rows.map((row) => ({ key: row.key ?? '', count: Number(row.count) }));
}

/** Hours from received to matched of requests matched in the period (nearest-rank percentiles). */
export async function timeToMatch(
  db: EntityManager,
  from: string,
  toExclusive: string,
): Promise<{ count: number; medianHours: number | null; p90Hours: number | null }> {
  const [row] = await db.query<{ count: string; median: number | null; p90: number | null }[]>(
    `SELECT count(*) AS count,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.matched_at - r.created_at) / 3600) AS median,
            percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM r.matched_at - r.created_at) / 3600) AS p90
       FROM help_request r, ${RANGE} b
      WHERE ${IN('r.matched_at')}`,
    [from, toExclusive],
  );
  return {
    count: Number(row.count),
    medianHours: row.median === null ? null : Number(row.median),
    p90Hours: row.p90 === null ? null : Number(row.p90),
  };
}

export interface OfferRow {
  key: string;
  sent: number;
  accepted: number;
  declined: number;
  noAnswer: number;
}

/** Offers sent in the period (match.offered_at) by the request's breakdown key, with their answers. */
export async function offerFigures(
  db: EntityManager,
  breakdown: Breakdown,
  from: string,
  toExclusive: string,
): Promise<OfferRow[]> {
  const rows = await db.query<Record<string, string>[]>(
    `SELECT ${REQUEST_KEY[breakdown]} AS key,
            count(*) AS sent,
            count(*) FILTER (WHERE m.status IN ('accepted', 'dropped-out')) AS accepted,
            count(*) FILTER (WHERE m.status = 'declined') AS declined,
            count(*) FILTER (WHERE m.status = 'expired') AS no_answer
       FROM match m JOIN help_request r ON r.id = m.request_id, ${RANGE} b
      WHERE ${IN('m.offered_at')}
      GROUP BY 1 ORDER BY 1`,
    [from, toExclusive],
  );
  return rows.map((row) => ({
    key: row.key,
    sent: Number(row.sent),
    accepted: Number(row.accepted),
    declined: Number(row.declined),
    noAnswer: Number(row.no_answer),
  }));
}

export interface VolunteerRow {
  key: string;
  new: number;
  active: number;
  left: number;
}

/**
 * Volunteers by their district: new (signed up), active (accepted an offer, started a placement or
 * had approved hours in the period), left (account erased in the period).
 */
export async function volunteerFigures(
  db: EntityManager,
  from: string,
  toExclusive: string,
): Promise<VolunteerRow[]> {
  const rows = await db.query<Record<string, string>[]>(
    `WITH events AS (
       -- A union of index lookups, not an OR over every volunteer (a full scan at 1M volunteers);
       -- each person's flags are then folded by grouping (an IN over a large set of the active
       -- fell back to a rescan per row once it outgrew work_mem: a year never finished).
       SELECT v.id, true AS is_new, false AS is_active, false AS has_left
         FROM volunteer v, ${RANGE} b WHERE ${IN('v.created_at')}
       UNION ALL
       SELECT v.id, false, false, true FROM volunteer v, ${RANGE} b WHERE ${IN('v.erased_at')}
       UNION ALL
       SELECT m.volunteer_id, false, true, false FROM match m, ${RANGE} b
        WHERE m.status IN ('accepted', 'dropped-out') AND ${IN('m.responded_at')}
       UNION ALL
       SELECT p.volunteer_id, false, true, false FROM placement p
        WHERE p.started_on >= $1::date AND p.started_on < $2::date
       UNION ALL
       SELECT h.volunteer_id, false, true, false FROM hour_entry h
        WHERE h.status = 'approved' AND h.worked_on >= $1::date AND h.worked_on < $2::date
     ), people AS (
       SELECT id, bool_or(is_new) AS is_new, bool_or(is_active) AS is_active, bool_or(has_left) AS has_left
         FROM events GROUP BY id
     )
     SELECT coalesce(v.district, '') AS key, count(*) FILTER (WHERE p.is_new) AS new,
            count(*) FILTER (WHERE p.is_active) AS active, count(*) FILTER (WHERE p.has_left) AS left
       FROM people p JOIN volunteer v ON v.id = p.id
      GROUP BY 1 ORDER BY 1`,
    [from, toExclusive],
  );
  return rows.map((row) => ({
    key: row.key,
    new: Number(row.new),
    active: Number(row.active),
    left: Number(row.left),
  }));
}

/** New volunteers of the period by age band (birth_date on the period's last day; not given). */
export async function newVolunteerAgeBands(
  db: EntityManager,
  from: string,
  toExclusive: string,
): Promise<{ key: string; count: number }[]> {
  const rows = await db.query<{ key: string; count: string }[]>(
    `SELECT CASE WHEN v.birth_date IS NULL THEN 'not-given'
                 WHEN age(($2::date - 1), v.birth_date) < interval '18 years' THEN 'under-18'
                 WHEN age(($2::date - 1), v.birth_date) < interval '30 years' THEN '18-29'
                 WHEN age(($2::date - 1), v.birth_date) < interval '50 years' THEN '30-49'
                 WHEN age(($2::date - 1), v.birth_date) < interval '70 years' THEN '50-69'
                 ELSE '70-plus' END AS key,
            count(*) AS count
       FROM volunteer v, ${RANGE} b
      WHERE ${IN('v.created_at')}
      GROUP BY 1`,
    [from, toExclusive],
  );
  return rows.map((row) => ({ key: row.key, count: Number(row.count) }));
}

/** New volunteers of the period by gender (`volunteer.gender`; null = not given). */
export async function newVolunteerGenders(
  db: EntityManager,
  from: string,
  toExclusive: string,
): Promise<{ key: string; count: number }[]> {
  const rows = await db.query<{ key: string; count: string }[]>(
    `SELECT coalesce(v.gender, 'not-given') AS key, count(*) AS count
       FROM volunteer v, ${RANGE} b
      WHERE ${IN('v.created_at')}
      GROUP BY 1`,
    [from, toExclusive],
  );
  return rows.map((row) => ({ key: row.key, count: Number(row.count) }));
}

/**
 * The help-seekers reached in the period (distinct `help_seeker_id` of the requests received, as
 * `helpSeekersReached`) by priority group: a person in two groups counts in each, a person with
 * none given counts as 'not-given'. The reached set is its own step so the rollup can later key it
 * by period as well.
 */
export async function helpSeekersByPriorityGroup(
  db: EntityManager,
  from: string,
  toExclusive: string,
): Promise<{ key: string; count: number }[]> {
  const rows = await db.query<{ key: string; count: string }[]>(
    `WITH reached AS (
       SELECT DISTINCT r.help_seeker_id AS id
         FROM help_request r, ${RANGE} b
        WHERE ${IN('r.created_at')} AND r.status <> 'rejected'
     )
     SELECT coalesce(g.priority_group, 'not-given') AS key, count(DISTINCT s.id) AS count
       FROM reached JOIN help_seeker s ON s.id = reached.id
       LEFT JOIN LATERAL unnest(s.priority_groups) AS g (priority_group) ON true
      GROUP BY 1`,
    [from, toExclusive],
  );
  return rows.map((row) => ({ key: row.key, count: Number(row.count) }));
}

export interface EngagementFigures {
  advisoryInterviews: number;
  placementsProposed: number;
  placementsStarted: number;
  placementsEnded: number;
  /** Of the placements started in the period that are at least 3 (12) months old today: how many, and how many lasted. */
  after3Months: { eligible: number; stillActive: number };
  after12Months: { eligible: number; stillActive: number };
  hoursMinutes: number;
  hoursVolunteers: number;
  helpSeekersReached: number;
  volunteerEnquiries: number;
}

export async function engagementFigures(
  db: EntityManager,
  from: string,
  toExclusive: string,
  today: string,
): Promise<EngagementFigures> {
  const [row] = await db.query<Record<string, string>[]>(
    `SELECT
       (SELECT count(*) FROM advisory_interview a WHERE a.held_on >= $1::date AND a.held_on < $2::date) AS interviews,
       (SELECT count(*) FROM placement p, ${RANGE} b WHERE ${IN('p.proposed_at')}) AS proposed,
       (SELECT count(*) FROM placement p WHERE p.started_on >= $1::date AND p.started_on < $2::date) AS started,
       (SELECT count(*) FROM placement p WHERE p.ended_on >= $1::date AND p.ended_on < $2::date) AS ended,
       (SELECT count(*) FROM placement p WHERE p.started_on >= $1::date AND p.started_on < $2::date
           AND p.started_on + interval '3 months' <= $3::date) AS eligible3,
       (SELECT count(*) FROM placement p WHERE p.started_on >= $1::date AND p.started_on < $2::date
           AND p.started_on + interval '3 months' <= $3::date
           AND (p.ended_on IS NULL OR p.ended_on >= p.started_on + interval '3 months')) AS still3,
       (SELECT count(*) FROM placement p WHERE p.started_on >= $1::date AND p.started_on < $2::date
           AND p.started_on + interval '12 months' <= $3::date) AS eligible12,
       (SELECT count(*) FROM placement p WHERE p.started_on >= $1::date AND p.started_on < $2::date
           AND p.started_on + interval '12 months' <= $3::date
           AND (p.ended_on IS NULL OR p.ended_on >= p.started_on + interval '12 months')) AS still12,
       (SELECT coalesce(sum(h.minutes), 0) FROM hour_entry h
         WHERE h.status = 'approved' AND h.worked_on >= $1::date AND h.worked_on < $2::date) AS minutes,
       (SELECT count(DISTINCT h.volunteer_id) FROM hour_entry h
         WHERE h.status = 'approved' AND h.worked_on >= $1::date AND h.worked_on < $2::date) AS hour_volunteers,
       (SELECT count(DISTINCT r.help_seeker_id) FROM help_request r, ${RANGE} b
         WHERE ${IN('r.created_at')} AND r.status <> 'rejected') AS reached,
       (SELECT count(*) FROM (
          SELECT v.id FROM volunteer v, ${RANGE} b WHERE ${IN('v.created_at')}
          UNION
          SELECT p.volunteer_id FROM placement p, ${RANGE} b WHERE p.source = 'public-interest' AND ${IN('p.created_at')}
        ) enquiring) AS volunteer_enquiries`,
    [from, toExclusive, today],
  );
  return {
    advisoryInterviews: Number(row.interviews),
    placementsProposed: Number(row.proposed),
    placementsStarted: Number(row.started),
    placementsEnded: Number(row.ended),
    after3Months: { eligible: Number(row.eligible3), stillActive: Number(row.still3) },
    after12Months: { eligible: Number(row.eligible12), stillActive: Number(row.still12) },
    hoursMinutes: Number(row.minutes),
    hoursVolunteers: Number(row.hour_volunteers),
    helpSeekersReached: Number(row.reached),
    volunteerEnquiries: Number(row.volunteer_enquiries),
  };
}

export interface MonthRow {
  month: string;
  received: number;
  matched: number;
  placementsStarted: number;
  advisoryInterviews: number;
}

/** Per Berlin calendar month of the range: requests received and matched, placements started, interviews. */
export async function monthlyFigures(
  db: EntityManager,
  from: string,
  toExclusive: string,
): Promise<MonthRow[]> {
  const rows = await db.query<Record<string, string>[]>(
    `WITH b AS ${RANGE}
     SELECT month, sum(received) AS received, sum(matched) AS matched, sum(started) AS started, sum(interviews) AS interviews
       FROM (
         SELECT to_char(r.created_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM') AS month, 1 AS received, 0 AS matched, 0 AS started, 0 AS interviews
           FROM help_request r, b WHERE ${IN('r.created_at')} AND r.status <> 'rejected'
         UNION ALL
         SELECT to_char(r.matched_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM'), 0, 1, 0, 0
           FROM help_request r, b WHERE ${IN('r.matched_at')}
         UNION ALL
         SELECT to_char(p.started_on, 'YYYY-MM'), 0, 0, 1, 0
           FROM placement p WHERE p.started_on >= $1::date AND p.started_on < $2::date
         UNION ALL
         SELECT to_char(a.held_on, 'YYYY-MM'), 0, 0, 0, 1
           FROM advisory_interview a WHERE a.held_on >= $1::date AND a.held_on < $2::date
       ) events
      GROUP BY month ORDER BY month`,
    [from, toExclusive],
  );
  return rows.map((row) => ({
    month: row.month,
    received: Number(row.received),
    matched: Number(row.matched),
    placementsStarted: Number(row.started),
    advisoryInterviews: Number(row.interviews),
  }));
}

/** Each district's centre: the mean position of its postal codes (for the district chart). */
export async function districtCentroids(
  db: EntityManager,
): Promise<Map<string, { lat: number; lon: number }>> {
  const rows = await db.query<{ district: string; lat: number; lon: number }[]>(
    `SELECT district, avg(latitude) AS lat, avg(longitude) AS lon
       FROM postal_code WHERE district IS NOT NULL AND latitude IS NOT NULL GROUP BY district`,
  );
  return new Map(rows.map((row) => [row.district, { lat: Number(row.lat), lon: Number(row.lon) }]));
}
