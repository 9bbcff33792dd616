import type { EntityManager } from 'typeorm';
import type { DeclineReason, DropOutReason } from '../../matching/domain/volunteer-answers';

/** A volunteer's no on a request: a declined offer with its reason, or an agreed assignment called off. */
export interface VolunteerAnswerRow {
  matchId: string;
  volunteerId: string;
  volunteerName: string;
  status: 'declined' | 'dropped-out';
  reason: DeclineReason | DropOutReason | null;
  note: string | null;
  at: Date | null;
  late: boolean;
  byStaff: boolean;
}

export interface RequestVolunteerAnswers {
  requestId: string;
  /** The agreed volunteer, when there is one: staff may record that they dropped out. */
  accepted: { matchId: string; volunteerName: string } | null;
  answers: VolunteerAnswerRow[];
}

/** What the request page shows of volunteers' answers (by the match_request_idx index). */
export async function loadRequestVolunteerAnswers(
  manager: EntityManager,
  requestId: string,
): Promise<RequestVolunteerAnswers> {
  const rows = await manager.query<(VolunteerAnswerRow & { rawStatus: string; requestStatus: string })[]>(
    `SELECT m.id AS "matchId", m.volunteer_id AS "volunteerId", v.name AS "volunteerName",
            m.status AS "rawStatus", r.status AS "requestStatus",
            CASE WHEN m.status = 'declined' THEN m.decline_reason ELSE m.ended_reason END AS reason,
            CASE WHEN m.status = 'declined' THEN m.decline_note ELSE m.ended_note END AS note,
            CASE WHEN m.status = 'declined' THEN m.responded_at ELSE m.ended_at END AS at,
            m.ended_late AS late, m.ended_by_staff_id IS NOT NULL AS "byStaff"
       FROM match m JOIN volunteer v ON v.id = m.volunteer_id JOIN help_request r ON r.id = m.request_id
      WHERE m.request_id = $1 AND m.status IN ('accepted', 'declined', 'dropped-out')
      ORDER BY m.updated_at DESC`,
    [requestId],
  );
  const accepted = rows.find((row) => row.rawStatus === 'accepted' && row.requestStatus === 'matched');
  return {
    requestId,
    accepted: accepted ? { matchId: accepted.matchId, volunteerName: accepted.volunteerName } : null,
    answers: rows
      .filter((row) => row.rawStatus !== 'accepted')
      .map(({ rawStatus, requestStatus: _unused, ...row }) => ({
        ...row,
        status: rawStatus as VolunteerAnswerRow['status'],
      })),
  };
}

export interface DropOutAlert {
  requestId: string;
  category: string;
  district: string | null;
  requestStatus: string;
  volunteerName: string;
  reason: DropOutReason | null;
  endedAt: Date;
  late: boolean;
}

/**
 * Heute: agreed assignments called off in the last 14 days whose request has no volunteer again
 * yet (not matched, not closed). Reads the partial match_dropped_out_idx index.
 */
export function loadDropOutAlerts(manager: EntityManager, now: Date): Promise<DropOutAlert[]> {
  return manager.query<DropOutAlert[]>(
    `SELECT r.id AS "requestId", r.category, r.district, r.status AS "requestStatus",
            v.name AS "volunteerName", m.ended_reason AS reason, m.ended_at AS "endedAt", m.ended_late AS late
       FROM match m JOIN help_request r ON r.id = m.request_id JOIN volunteer v ON v.id = m.volunteer_id
      WHERE m.status = 'dropped-out' AND m.ended_at > $1::timestamptz - interval '14 days'
        AND r.status NOT IN ('matched', 'done', 'cancelled', 'unfulfilled')
      ORDER BY m.ended_at DESC LIMIT 50`,
    [now],
  );
}
