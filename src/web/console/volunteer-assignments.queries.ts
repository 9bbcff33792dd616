import type { EntityManager } from 'typeorm';
import type { RequestSchedule } from '../../shared/schedule';

/** How many assignments of each kind (upcoming, past) a volunteer's profile shows before "more". */
export const ASSIGNMENTS_SHOWN = 10;
const ASSIGNMENTS_MAX = 500;

/** An accepted match as the console shows it: what, when, for whom, how it ended. */
export interface AssignmentRow {
  matchId: string;
  requestId: string;
  category: string;
  schedule: RequestSchedule;
  startsAt: Date | null;
  requestStatus: string;
  outcome: string | null;
  closedAt: Date | null;
  district: string | null;
  helpSeekerName: string | null;
}

export interface VolunteerAssignments {
  upcoming: AssignmentRow[];
  past: AssignmentRow[];
  moreUpcoming: boolean;
  morePast: boolean;
  shown: number;
}

const COLUMNS = `m.id AS "matchId", r.id AS "requestId", r.category, r.schedule, r.starts_at AS "startsAt",
  r.status AS "requestStatus", r.outcome, r.closed_at AS "closedAt", r.district, s.name AS "helpSeekerName"`;

/**
 * Upcoming: the request is still matched and its date lies ahead, or it is weekly help that goes
 * on. Past: every other accepted match (done, cancelled, or its date has passed). Served by the
 * match (volunteer_id, status) index.
 */
const UPCOMING = `r.status = 'matched' AND (r.starts_at >= $2 OR (r.schedule->>'kind') = 'weekly')`;

/** A volunteer's accepted assignments, upcoming (soonest first) and past (latest first), `shown` of each. */
export async function loadVolunteerAssignments(
  db: EntityManager,
  volunteerId: string,
  shown: number,
  now: Date,
): Promise<VolunteerAssignments> {
  const limit = Number.isInteger(shown) && shown > 0 ? Math.min(shown, ASSIGNMENTS_MAX) : ASSIGNMENTS_SHOWN;
  const query = (condition: string, order: string) =>
    db.query<AssignmentRow[]>(
      `SELECT ${COLUMNS} FROM match m JOIN help_request r ON r.id = m.request_id
         LEFT JOIN help_seeker s ON s.id = r.help_seeker_id
        WHERE m.volunteer_id = $1 AND m.status = 'accepted' AND ${condition}
        ORDER BY r.starts_at ${order}, m.id LIMIT ${limit + 1}`,
      [volunteerId, now],
    );
  const [upcoming, past] = await Promise.all([
    query(UPCOMING, 'ASC NULLS LAST'),
    query(`NOT (${UPCOMING})`, 'DESC NULLS LAST'),
  ]);
  return {
    upcoming: upcoming.slice(0, limit),
    past: past.slice(0, limit),
    moreUpcoming: upcoming.length > limit,
    morePast: past.length > limit,
    shown: limit,
  };
}

/** An accepted assignment of the week view, with the names staff plan with. */
export interface WeekAssignmentRow extends AssignmentRow {
  volunteerId: string;
  volunteerName: string;
}

/** Accepted matches whose request occurs between `start` and `end` (see requestsOccurringSql). */
export function loadWeekAssignments(
  db: EntityManager,
  occurringSql: string,
  start: Date,
  end: Date,
): Promise<WeekAssignmentRow[]> {
  return db.query<WeekAssignmentRow[]>(
    `WITH week_requests AS MATERIALIZED (${occurringSql})
     SELECT ${COLUMNS}, v.id AS "volunteerId", v.name AS "volunteerName"
       FROM week_requests w JOIN help_request r ON r.id = w.id
       JOIN match m ON m.request_id = r.id AND m.status = 'accepted'
       JOIN volunteer v ON v.id = m.volunteer_id
       LEFT JOIN help_seeker s ON s.id = r.help_seeker_id
      ORDER BY v.name, m.id LIMIT 5000`,
    [start, end],
  );
}
