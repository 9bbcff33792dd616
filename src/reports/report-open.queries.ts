import type { EntityManager } from 'typeorm';
import type { CalendarPeriod, DayRange } from './domain/rollup-plan';

/*
 * Distinct-person figures of the open calendar periods (docs/reports.md "Open periods"). Exact
 * distinct counts cannot be summed across days, and reading a year of facts live took 4 s at full
 * size; so the job keeps, per Berlin day of the current year before `covered_until`, who each
 * figure counts (`report_open_fact`, once per person and day) and the distinct counts of each open
 * month, quarter and year so far (`report_open_figure`). A page then adds only the people of the
 * days since (today) who are not counted yet. Each fact is defined exactly as its live query in
 * reports.queries.ts; the rollup e2e test compares this month and this year with the live figures.
 */

const RANGE = `(SELECT $1::date::timestamp AT TIME ZONE 'Europe/Berlin' AS lo, $2::date::timestamp AT TIME ZONE 'Europe/Berlin' AS hi)`;
const IN = (column: string) => `(${column} >= b.lo AND ${column} < b.hi)`;
const IN_DAYS = (column: string) => `${column} >= $1::date AND ${column} < $2::date`;
const DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/Berlin')::date`;

/** A matched request's hours from received to matched (as timeToMatch), stored and read alike. */
const HOURS_TO_MATCH = `(extract(epoch FROM r.matched_at - r.created_at) / 3600)::float8`;

/** The measures counted as distinct people (keyed or not); `age` and `ttm` are handled apart. */
const PEOPLE_MEASURES = ['active', 'reached', 'priority-group', 'hours-volunteers', 'enquiries'];

/**
 * The facts of the days `[$1, $2)`: (day, measure, person, key, value), one row per person, key
 * and day. active: volunteers who accepted an offer, started a placement or had approved hours, by
 * their district; ttm: matched requests with their hours to match; reached / priority-group: help-seekers of
 * the requests received (not rejected), per group they gave; hours-volunteers; enquiries: volunteers
 * who signed up or showed interest in an opportunity themselves.
 */
const FACTS_SQL = `
  SELECT a.day, 'active', a.id::text, coalesce(v.district, ''), NULL::float8
    FROM (SELECT DISTINCT day, id FROM (
            SELECT ${DAY('m.responded_at')} AS day, m.volunteer_id AS id FROM match m, ${RANGE} b
             WHERE m.status IN ('accepted', 'dropped-out') AND ${IN('m.responded_at')}
            UNION ALL
            SELECT p.started_on, p.volunteer_id FROM placement p WHERE ${IN_DAYS('p.started_on')}
            UNION ALL
            SELECT h.worked_on, h.volunteer_id FROM hour_entry h WHERE h.status = 'approved' AND ${IN_DAYS('h.worked_on')}
          ) x) a
    JOIN volunteer v ON v.id = a.id

  UNION ALL
  SELECT ${DAY('r.matched_at')}, 'ttm', r.id::text, '', ${HOURS_TO_MATCH}
    FROM help_request r, ${RANGE} b WHERE ${IN('r.matched_at')}
  UNION ALL
  SELECT DISTINCT ${DAY('r.created_at')}, 'reached', r.help_seeker_id::text, '', NULL::float8
    FROM help_request r, ${RANGE} b
   WHERE ${IN('r.created_at')} AND r.status <> 'rejected' AND r.help_seeker_id IS NOT NULL
  UNION ALL
  SELECT DISTINCT ${DAY('r.created_at')}, 'priority-group', r.help_seeker_id::text,
         coalesce(g.priority_group, 'not-given'), NULL::float8
    FROM help_request r JOIN help_seeker s ON s.id = r.help_seeker_id
    LEFT JOIN LATERAL unnest(s.priority_groups) AS g (priority_group) ON true, ${RANGE} b
   WHERE ${IN('r.created_at')} AND r.status <> 'rejected'
  UNION ALL
  SELECT DISTINCT h.worked_on, 'hours-volunteers', h.volunteer_id::text, '', NULL::float8
    FROM hour_entry h WHERE h.status = 'approved' AND ${IN_DAYS('h.worked_on')}
  UNION ALL
  SELECT DISTINCT e.day, 'enquiries', e.id, '', NULL::float8 FROM (
    SELECT ${DAY('v.created_at')} AS day, v.id::text AS id FROM volunteer v, ${RANGE} b WHERE ${IN('v.created_at')}
    UNION ALL
    SELECT ${DAY('p.created_at')}, p.volunteer_id::text FROM placement p, ${RANGE} b
     WHERE p.source = 'public-interest' AND ${IN('p.created_at')}) e`;

/** New volunteers of `[$1, $2)` by age band on the day `$3` (as newVolunteerAgeBands), as (measure, key, value). */
const NEW_VOLUNTEER_AGES = `SELECT 'age', CASE WHEN v.birth_date IS NULL THEN 'not-given'
         WHEN age($3::date, v.birth_date) < interval '18 years' THEN 'under-18'
         WHEN age($3::date, v.birth_date) < interval '30 years' THEN '18-29'
         WHEN age($3::date, v.birth_date) < interval '50 years' THEN '30-49'
         WHEN age($3::date, v.birth_date) < interval '70 years' THEN '50-69'
         ELSE '70-plus' END, count(*)::float8
    FROM volunteer v, ${RANGE} b WHERE ${IN('v.created_at')} GROUP BY 2`;

/** The first day of the Berlin year of `today`: the open facts cover that year only. */
export function openFactsFrom(today: string): string {
  return `${today.slice(0, 4)}-01-01`;
}

/**
 * Keeps the facts current: a full rebuild of `[from, today)` when they start elsewhere (first run,
 * new year, after the migration), else the recomputed day ranges of this run within the year.
 */
export async function recomputeOpenFacts(
  db: EntityManager,
  ranges: DayRange[],
  today: string,
  chunk: (range: DayRange) => DayRange[],
): Promise<void> {
  const from = openFactsFrom(today);
  const [state] = await db.query<{ open_facts_from: string | null }[]>(
    `SELECT to_char(open_facts_from, 'YYYY-MM-DD') AS open_facts_from FROM report_rollup_state WHERE id = 1`,
  );
  const rebuild = state?.open_facts_from !== from;
  const wanted = rebuild
    ? from < today
      ? chunk({ from, until: today })
      : []
    : ranges
        .map((range) => ({
          from: range.from < from ? from : range.from,
          until: range.until > today ? today : range.until,
        }))
        .filter((range) => range.from < range.until);
  if (rebuild) {
    await db.query(`TRUNCATE report_open_fact`);
  } else {
    await db.query(`DELETE FROM report_open_fact WHERE day < $1`, [from]);
  }
  for (const range of wanted) {
    if (!rebuild) {
      await db.query(`DELETE FROM report_open_fact WHERE day >= $1 AND day < $2`, [range.from, range.until]);
    }
    await db.query(
      `INSERT INTO report_open_fact (day, measure, person, key, value)
       SELECT day, measure, person, key, value FROM (${FACTS_SQL}) AS f (day, measure, person, key, value)`,
      [range.from, range.until],
    );
  }
}

/** Replaces the distinct counts of the open periods (each from its first day up to the facts' end). */
export async function recomputeOpenFigures(
  db: EntityManager,
  periods: CalendarPeriod[],
  until: string,
): Promise<void> {
  await db.query(`TRUNCATE report_open_figure`);
  for (const period of periods) {
    await db.query(
      `INSERT INTO report_open_figure (period_from, period_to, measure, key, value)
       SELECT $4::date, $3::date, 'computed', '', 1
       UNION ALL
       SELECT $4::date, $3::date, measure, key, count(DISTINCT person)::float8 FROM report_open_fact
        WHERE day >= $4::date AND measure = ANY($5::text[]) GROUP BY measure, key
       UNION ALL
       SELECT $4::date, $3::date, a.* FROM (${NEW_VOLUNTEER_AGES}) a`,
      [period.from, until, period.to, period.from, PEOPLE_MEASURES],
    );
  }
}

/**
 * The distinct-person figures of the open period `[from, until)` (`to` its last day) whose facts
 * reach `coveredUntil`: the stored counts plus the people of `[coveredUntil, until)` not counted
 * yet, and the time to match over the stored and the new matched requests. The rows have the shape
 * of `report_period_figure`'s; null when the job has not counted this period.
 */
export async function openPeriodFigures(
  db: EntityManager,
  period: { from: string; to: string; until: string },
  coveredUntil: string,
): Promise<{ measure: string; key: string; value: number | null }[] | null> {
  const stored = await db.query<{ measure: string; key: string; value: number }[]>(
    `SELECT measure, key, value FROM report_open_figure WHERE period_from = $1 AND period_to = $2`,
    [period.from, period.to],
  );
  if (!stored.some((row) => row.measure === 'computed')) {
    return null;
  }
  const [added, ttm] = await Promise.all([
    db.query<{ measure: string; key: string; value: number }[]>(
      `WITH live AS (SELECT * FROM (${FACTS_SQL}) AS f (day, measure, person, key, value)),
       new AS (SELECT l.measure, l.person, l.key FROM live l
                WHERE l.measure <> 'ttm'
                  AND NOT EXISTS (SELECT 1 FROM report_open_fact o
                                   WHERE o.measure = l.measure AND o.person = l.person AND o.key = l.key
                                     AND o.day >= $3::date))
       SELECT measure, key, count(DISTINCT person)::float8 AS value FROM new GROUP BY 1, 2
       UNION ALL
       SELECT a.* FROM (${NEW_VOLUNTEER_AGES.replace(/\$3/g, () => '$4')}) a`,
      [coveredUntil, period.until, period.from, period.to],
    ),
    db.query<{ n: string; median: number | null; p90: number | null }[]>(
      `SELECT count(*) AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY hours)::float8 AS median,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY hours)::float8 AS p90
         FROM (SELECT value AS hours FROM report_open_fact WHERE measure = 'ttm' AND day >= $3::date AND day < $1::date
               UNION ALL
               SELECT ${HOURS_TO_MATCH} FROM help_request r, ${RANGE} b
                WHERE ${IN('r.matched_at')}) t`,
      [coveredUntil, period.until, period.from],
    ),
  ]);
  const sums = new Map<string, { measure: string; key: string; value: number }>();
  for (const row of [...stored, ...added]) {
    if (row.measure === 'computed') {
      continue;
    }
    const id = `${row.measure}\u0000${row.key}`;
    const target = sums.get(id);
    if (target) {
      target.value += Number(row.value);
    } else {
      sums.set(id, { measure: row.measure, key: row.key, value: Number(row.value) });
    }
  }
  return [
    ...sums.values(),
    { measure: 'ttm-count', key: '', value: Number(ttm[0].n) },
    { measure: 'ttm-median', key: '', value: ttm[0].median === null ? null : Number(ttm[0].median) },
    { measure: 'ttm-p90', key: '', value: ttm[0].p90 === null ? null : Number(ttm[0].p90) },
  ];
}
