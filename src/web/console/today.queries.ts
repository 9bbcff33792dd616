import type { EntityManager } from 'typeorm';
import { berlinDateOf } from '../../shared/berlin-time';
import type { MatchingSummary } from '../../help-seekers/help-request.entity';
import { summariseExclusions } from '../../matching/domain';
import type { LocalizedText } from '../../shared/localized-text';

/**
 * The "Heute" page: one small query per section, so a new source (e.g. an undeliverable-address
 * list, call-back tasks) replaces or joins one function without touching the others.
 * Every section: what needs a human, oldest first, with the moment it started waiting.
 */
export interface TodayItem {
  requestId: string | null;
  category: string | null;
  district: string | null;
  /** Since when it waits for a human. */
  since: Date;
  /** A short extra line: the rule that excluded most, a recipient, a time. */
  detail?: LocalizedText | string;
  /** For items not about a request, e.g. an email. */
  label?: string;
  /** An open "call the help-seeker" task, whose printable letter staff can open. */
  callTaskId?: string;
}

export interface TodayCounts {
  district: string;
  count: number;
}

const SECTION_LIMIT = 50;
const OPEN_STATUSES = `('in-review', 'open', 'matching', 'proposals-ready', 'offered', 'matched')`;

interface RequestRow {
  id: string;
  category: string;
  district: string;
  since: Date;
}
const toItem = (row: RequestRow, detail?: TodayItem['detail']): TodayItem => ({
  requestId: row.id,
  category: row.category,
  district: row.district,
  since: new Date(row.since),
  ...(detail ? { detail } : {}),
});

/** Requests from the public pages waiting for review, and requests no staff member has opened yet. */
export async function newRequests(db: EntityManager): Promise<TodayItem[]> {
  const rows: RequestRow[] = await db.query(
    `SELECT r.id, r.category, r.district, r.created_at AS since FROM help_request r
      WHERE r.status = 'in-review'
         OR (r.status IN ('matching', 'open', 'proposals-ready')
             AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'help-request'
                               AND a.entity_id = r.id::text AND a.action = 'help-request.viewed'))
      ORDER BY r.created_at LIMIT ${SECTION_LIMIT}`,
  );
  return rows.map((row) => toItem(row));
}

/** Requests where matching found nobody eligible, with the rule that excluded most. */
export async function requestsWithoutEligibleVolunteer(db: EntityManager): Promise<TodayItem[]> {
  const rows: (RequestRow & { matching_summary: MatchingSummary | null })[] = await db.query(
    `SELECT r.id, r.category, r.district, r.status_changed_at AS since, r.matching_summary FROM help_request r
      WHERE r.status = 'open' ORDER BY r.status_changed_at LIMIT ${SECTION_LIMIT}`,
  );
  return rows.map((row) => {
    const lines = row.matching_summary ? summariseExclusions(row.matching_summary) : [];
    const top = [...lines].sort((a, b) => b.count - a.count)[0];
    return toItem(row, top?.text);
  });
}

export async function proposalsAwaitingReview(db: EntityManager): Promise<TodayItem[]> {
  const rows: RequestRow[] = await db.query(
    `SELECT r.id, r.category, r.district, r.status_changed_at AS since FROM help_request r
      WHERE r.status = 'proposals-ready' ORDER BY r.status_changed_at LIMIT ${SECTION_LIMIT}`,
  );
  return rows.map((row) => toItem(row));
}

/** A volunteer said no or let the offer expire, and the request has no new offer yet. */
export async function offersDeclinedOrUnanswered(db: EntityManager): Promise<TodayItem[]> {
  const rows: (RequestRow & { match_status: string })[] = await db.query(
    `SELECT DISTINCT ON (r.id) r.id, r.category, r.district, m.updated_at AS since, m.status AS match_status
       FROM match m JOIN help_request r ON r.id = m.request_id
      WHERE m.status IN ('declined', 'expired') AND r.status IN ('open', 'proposals-ready')
        AND m.updated_at > now() - interval '30 days'
      ORDER BY r.id, m.updated_at DESC`,
  );
  return rows
    .sort((a, b) => new Date(a.since).getTime() - new Date(b.since).getTime())
    .slice(0, SECTION_LIMIT)
    .map((row) =>
      toItem(
        row,
        row.match_status === 'declined'
          ? { de: 'Absage', en: 'Declined' }
          : { de: 'Keine Antwort', en: 'No answer' },
      ),
    );
}

/** Emails that could not be delivered: refused for good (5xx), or given up after the retry window. */
export async function undeliverableEmails(db: EntityManager): Promise<TodayItem[]> {
  const rows: { id: string; kind: string; recipient: string; since: Date; request_id: string | null }[] =
    await db.query(
      `SELECT n.id, n.kind, n.recipient, n.created_at AS since, m.request_id
         FROM (SELECT * FROM notification WHERE status IN ('undeliverable', 'failed')
                ORDER BY created_at LIMIT ${SECTION_LIMIT}) n
         LEFT JOIN match m ON m.id = n.subject_id
        ORDER BY n.created_at`,
    );
  return rows.map((row) => ({
    requestId: row.request_id,
    category: null,
    district: null,
    since: new Date(row.since),
    label: row.kind,
    detail: row.recipient,
  }));
}

/** Placed or offered requests that take place today (one-off today, or weekly on today's weekday). */
export async function todaysAppointments(db: EntityManager, now: Date): Promise<TodayItem[]> {
  const today = berlinDateOf(now);
  const weekday = ((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const rows: (RequestRow & { schedule: { start?: string } })[] = await db.query(
    `SELECT r.id, r.category, r.district, r.created_at AS since, r.schedule FROM help_request r
      WHERE r.status IN ('matched', 'offered')
        AND ((r.schedule->>'kind' = 'one-off' AND r.schedule->>'date' = $1)
          OR (r.schedule->>'kind' = 'weekly' AND r.schedule->'slots' @> $2::jsonb))
      ORDER BY r.created_at LIMIT ${SECTION_LIMIT}`,
    [today, JSON.stringify([{ weekday }])],
  );
  return rows.map((row) => toItem(row, row.schedule.start ?? undefined));
}

/**
 * Help-seekers who must hear from us by phone: an open "call the help-seeker" task (a placed match
 * they cannot be emailed about), or a request that found nobody while they have no email or want
 * to be called; until staff record that they called back.
 */
export async function helpSeekersToCallBack(db: EntityManager): Promise<TodayItem[]> {
  // Two index-backed parts rather than one OR over every request: open tasks (status index), and
  // requests that found nobody or were placed (status index) whose help-seeker wants a call.
  const rows: (RequestRow & { call_task_id: string | null })[] = await db.query(
    `SELECT r.id, r.category, r.district, waiting.since, waiting.call_task_id
       FROM ((SELECT DISTINCT ON (t.help_request_id) t.help_request_id AS id, t.created_at AS since,
                     t.id AS call_task_id
                FROM call_task t WHERE t.status = 'open'
               ORDER BY t.help_request_id, t.created_at)
             UNION ALL
             SELECT r.id, r.status_changed_at, NULL
               FROM help_request r JOIN help_seeker s ON s.id = r.help_seeker_id
              WHERE r.status IN ('matched', 'open') AND (s.email IS NULL OR s.preferred_contact = 'phone')
                AND NOT EXISTS (SELECT 1 FROM call_task t WHERE t.help_request_id = r.id AND t.status = 'open')
                AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'help-request'
                                  AND a.entity_id = r.id::text AND a.action = 'help-request.called-back'
                                  AND a.at >= r.status_changed_at)) waiting
       JOIN help_request r ON r.id = waiting.id
      ORDER BY waiting.since LIMIT ${SECTION_LIMIT}`,
  );
  return rows.map((row) => ({
    ...toItem(row),
    ...(row.call_task_id ? { callTaskId: row.call_task_id } : {}),
  }));
}

export async function openRequestsPerDistrict(db: EntityManager): Promise<TodayCounts[]> {
  const rows: { district: string; count: string }[] = await db.query(
    `SELECT district, count(*) AS count FROM help_request WHERE status IN ${OPEN_STATUSES}
      GROUP BY district ORDER BY count(*) DESC, district`,
  );
  return rows.map((row) => ({ district: row.district, count: Number(row.count) }));
}

export type TodaySectionKey =
  'new' | 'noEligible' | 'review' | 'declined' | 'undeliverable' | 'appointments' | 'callBack';

export interface TodayOverview {
  sections: { key: TodaySectionKey; items: TodayItem[] }[];
  districts: TodayCounts[];
}

export async function loadToday(db: EntityManager, now: Date): Promise<TodayOverview> {
  const [fresh, noEligible, review, declined, undeliverable, appointments, callBack, districts] =
    await Promise.all([
      newRequests(db),
      requestsWithoutEligibleVolunteer(db),
      proposalsAwaitingReview(db),
      offersDeclinedOrUnanswered(db),
      undeliverableEmails(db),
      todaysAppointments(db, now),
      helpSeekersToCallBack(db),
      openRequestsPerDistrict(db),
    ]);
  return {
    sections: [
      { key: 'new', items: fresh },
      { key: 'noEligible', items: noEligible },
      { key: 'review', items: review },
      { key: 'declined', items: declined },
      { key: 'undeliverable', items: undeliverable },
      { key: 'appointments', items: appointments },
      { key: 'callBack', items: callBack },
    ],
    districts,
  };
}
