import type { EntityManager } from 'typeorm';
import { addDays, berlinDateOf, berlinInstant } from '../../shared/berlin-time';
import type {
  HelpRequestStatus,
  MatchingSummary,
  RequestSource,
  Urgency,
} from '../../help-seekers/help-request.entity';
import { summariseExclusions } from '../../matching/domain';
import type { LocalizedText } from '../../shared/localized-text';
import type { RequestSchedule } from '../../shared/schedule';
import {
  DEFAULT_URGENCY_SETTINGS,
  overdueMinutes,
  thresholdMinutes,
  type UrgencySettings,
} from '../../settings/urgency-settings';
import { placeOnce, type SectionCandidate, type TodaySectionKey } from './today-sections';
import { opportunitiesPastReview, stuckPlacements } from './today-placements.queries';
import { placementFollowUpProblems } from './today-follow-up.queries';

export type { TodaySectionKey } from './today-sections';

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
  /** Where an item not about a request links to (a volunteer's page). */
  href?: string;
  /** An offer's answer deadline (match.offer_expires_at). */
  deadline?: Date | null;
  /** The request's facts every row shows: who, where from, when help is needed. */
  request?: TodayRequestFacts;
  /** Working minutes past the threshold for its urgency; absent when not overdue. */
  overdueMinutes?: number;
}

export interface TodayRequestFacts {
  name: string | null;
  source: RequestSource;
  status: HelpRequestStatus;
  urgency: Urgency;
  schedule: RequestSchedule;
  startsAt: Date | null;
  createdAt: Date;
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
  // Two ordered, limited parts (each walks its index and stops at 50) rather than one OR over
  // every open request.
  const rows: RequestRow[] = await db.query(
    `SELECT * FROM (
       (SELECT r.id, r.category, r.district, r.created_at AS since FROM help_request r
         WHERE r.status = 'in-review' ORDER BY r.created_at LIMIT ${SECTION_LIMIT})
       UNION ALL
       (SELECT r.id, r.category, r.district, r.created_at FROM help_request r
         WHERE r.status IN ('matching', 'open', 'proposals-ready')
           AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'help-request'
                             AND a.entity_id = r.id::text AND a.action = 'help-request.viewed')
         ORDER BY r.created_at LIMIT ${SECTION_LIMIT})) waiting
      ORDER BY since LIMIT ${SECTION_LIMIT}`,
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
  // One-off help today starts today (starts_at, indexed); weekly help by the slots' GIN index.
  const rows: (RequestRow & { schedule: { start?: string } })[] = await db.query(
    `SELECT r.id, r.category, r.district, r.created_at AS since, r.schedule FROM help_request r
      WHERE r.status IN ('matched', 'offered')
        AND ((r.schedule->>'kind' = 'one-off' AND r.starts_at >= $3 AND r.starts_at < $4
              AND r.schedule->>'date' = $1)
          OR (r.schedule->>'kind' = 'weekly' AND r.schedule->'slots' @> $2::jsonb))
      ORDER BY r.created_at LIMIT ${SECTION_LIMIT}`,
    [
      today,
      JSON.stringify([{ weekday }]),
      berlinInstant(today, '00:00'),
      berlinInstant(addDays(today, 1), '00:00'),
    ],
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
             (SELECT r.id, r.status_changed_at, NULL
               FROM help_request r JOIN help_seeker s ON s.id = r.help_seeker_id
              WHERE r.status IN ('matched', 'open') AND (s.email IS NULL OR s.preferred_contact = 'phone')
                AND NOT EXISTS (SELECT 1 FROM call_task t WHERE t.help_request_id = r.id AND t.status = 'open')
                AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'help-request'
                                  AND a.entity_id = r.id::text AND a.action = 'help-request.called-back'
                                  AND a.at >= r.status_changed_at)
              ORDER BY r.status_changed_at LIMIT ${SECTION_LIMIT})) waiting
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

/** Statuses in which a request waits for staff; their waiting time is measured against the thresholds. */
const WAITING_FOR_STAFF = `('in-review', 'open', 'matching', 'proposals-ready')`;

/**
 * Requests waiting for staff longer than their urgency allows, most overdue first. Working time
 * is at most calendar time, so SQL first narrows to those waiting at least the smallest threshold
 * in calendar time; the exact working-time check is the pure overdueMinutes.
 */
export async function overdueRequests(
  db: EntityManager,
  now: Date,
  settings: UrgencySettings,
): Promise<TodayItem[]> {
  const smallest = Math.min(
    ...Object.values(settings.thresholds).map((threshold) =>
      thresholdMinutes(threshold, settings.openingHours),
    ),
  );
  const rows: (RequestRow & { urgency: Urgency; status: string })[] = await db.query(
    `SELECT r.id, r.category, r.district, r.status_changed_at AS since, r.urgency, r.status FROM help_request r
      WHERE r.status IN ${WAITING_FOR_STAFF} AND r.status_changed_at <= $1
      ORDER BY r.status_changed_at LIMIT ${SECTION_LIMIT * 4}`,
    [new Date(now.getTime() - smallest * 60_000)],
  );
  return rows
    .map((row) => ({ row, over: overdueMinutes(new Date(row.since), now, row.urgency, settings) }))
    .filter((entry): entry is { row: (typeof rows)[number]; over: number } => entry.over !== null)
    .sort((a, b) => b.over - a.over)
    .slice(0, SECTION_LIMIT)
    .map(({ row, over }) => ({ ...toItem(row), overdueMinutes: over }));
}

/**
 * Requests whose cascade stopped because no time was left for another offer. The column
 * help_request.escalated_at comes with the answer-deadline work; until a database has it, the
 * section stays empty.
 */
export async function escalatedRequests(db: EntityManager): Promise<TodayItem[]> {
  if (!(await hasEscalatedAt(db))) {
    return [];
  }
  const rows: RequestRow[] = await db.query(
    `SELECT r.id, r.category, r.district, r.escalated_at AS since FROM help_request r
      WHERE r.escalated_at IS NOT NULL AND r.status IN ('in-review', 'open', 'matching', 'proposals-ready', 'offered')
      ORDER BY r.escalated_at LIMIT ${SECTION_LIMIT}`,
  );
  return rows.map((row) => toItem(row));
}

const escalatedAtKnown = new WeakMap<object, boolean>();
async function hasEscalatedAt(db: EntityManager): Promise<boolean> {
  const known = escalatedAtKnown.get(db.connection);
  if (known !== undefined) {
    return known;
  }
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'help_request' AND column_name = 'escalated_at'`,
  );
  // Only a present column is remembered: a migration run while the app is up is seen on the next load.
  if (rows.length > 0) {
    escalatedAtKnown.set(db.connection, true);
  }
  return rows.length > 0;
}

/** Offers out, waiting for the volunteer's answer, the nearest deadline first. */
export async function offersWaitingForAnswer(db: EntityManager): Promise<TodayItem[]> {
  const rows: (RequestRow & { deadline: Date | null; volunteer: string })[] = await db.query(
    `SELECT r.id, r.category, r.district, COALESCE(m.offered_at, m.updated_at) AS since,
            m.offer_expires_at AS deadline, v.name AS volunteer
       FROM match m JOIN help_request r ON r.id = m.request_id JOIN volunteer v ON v.id = m.volunteer_id
      WHERE m.status = 'offered'
      ORDER BY m.offer_expires_at NULLS LAST, m.id LIMIT ${SECTION_LIMIT}`,
  );
  return rows.map((row) => ({
    ...toItem(row, row.volunteer),
    deadline: row.deadline ? new Date(row.deadline) : null,
  }));
}

/** Volunteers who signed up online and confirmed their email, waiting for activation or the interview. */
export async function newVolunteerSignUps(db: EntityManager): Promise<TodayItem[]> {
  const rows: { id: string; name: string; since: Date }[] = await db.query(
    `SELECT v.id, v.name, v.email_confirmed_at AS since FROM volunteer v
      WHERE v.status = 'pending' AND v.email_confirmed_at IS NOT NULL
      ORDER BY v.email_confirmed_at LIMIT ${SECTION_LIMIT}`,
  );
  return rows.map((row) => ({
    requestId: null,
    category: null,
    district: null,
    since: new Date(row.since),
    label: row.name,
    href: `/console/volunteers/${row.id}`,
  }));
}

/** Who, from where and for when: the facts every request row on Heute shows, in one query. */
async function requestFacts(db: EntityManager, ids: string[]): Promise<Map<string, TodayRequestFacts>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows: {
    id: string;
    name: string | null;
    source: RequestSource;
    status: HelpRequestStatus;
    urgency: Urgency;
    schedule: RequestSchedule;
    starts_at: Date | null;
    created_at: Date;
  }[] = await db.query(
    `SELECT r.id, COALESCE(s.name, p.name) AS name, r.source, r.status, r.urgency, r.schedule,
            r.starts_at, r.created_at
       FROM help_request r LEFT JOIN help_seeker s ON s.id = r.help_seeker_id
       LEFT JOIN provider p ON p.id = r.provider_id
      WHERE r.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: row.name,
        source: row.source,
        status: row.status,
        urgency: row.urgency,
        schedule: row.schedule,
        startsAt: row.starts_at ? new Date(row.starts_at) : null,
        createdAt: new Date(row.created_at),
      },
    ]),
  );
}

export interface TodayOverview {
  sections: { key: TodaySectionKey; items: TodayItem[] }[];
  districts: TodayCounts[];
}

export async function loadToday(
  db: EntityManager,
  now: Date,
  urgency: UrgencySettings = DEFAULT_URGENCY_SETTINGS,
): Promise<TodayOverview> {
  const [
    escalated,
    overdue,
    callBack,
    fresh,
    noEligible,
    declined,
    review,
    offered,
    appointments,
    signUps,
    undeliverable,
    districts,
    placementsStuck,
    opportunitiesOverdue,
    followUpProblems,
  ] = await Promise.all([
    escalatedRequests(db),
    overdueRequests(db, now, urgency),
    helpSeekersToCallBack(db),
    newRequests(db),
    requestsWithoutEligibleVolunteer(db),
    offersDeclinedOrUnanswered(db),
    proposalsAwaitingReview(db),
    offersWaitingForAnswer(db),
    todaysAppointments(db, now),
    newVolunteerSignUps(db),
    undeliverableEmails(db),
    openRequestsPerDistrict(db),
    stuckPlacements(db, now),
    opportunitiesPastReview(db, now),
    placementFollowUpProblems(db),
  ]);
  const bySection: [TodaySectionKey, TodayItem[]][] = [
    ['escalated', escalated],
    ['overdue', overdue],
    ['callBack', callBack],
    ['new', fresh],
    ['noEligible', noEligible],
    ['declined', declined],
    ['review', review],
    ['offered', offered],
    ['appointments', appointments],
    ['signUps', signUps],
    ['undeliverable', undeliverable],
    ['placementFollowUpProblems', followUpProblems],
    ['placementsStuck', placementsStuck],
    ['opportunitiesPastReview', opportunitiesOverdue],
  ];
  // An undeliverable email is about the email, whichever request it belongs to: never merged away.
  const candidates: SectionCandidate<TodayItem>[] = bySection.flatMap(([section, items]) =>
    items.map((item) => ({ section, requestId: section === 'undeliverable' ? null : item.requestId, item })),
  );
  const sections = placeOnce(candidates);
  const overdueBy = new Map(overdue.map((item) => [item.requestId, item.overdueMinutes]));
  const ids = [...new Set(sections.flatMap(({ items }) => items.map((item) => item.requestId)))].filter(
    (id): id is string => id !== null,
  );
  const facts = await requestFacts(db, ids);
  for (const { items } of sections) {
    for (const item of items) {
      const request = item.requestId ? facts.get(item.requestId) : undefined;
      if (request) {
        item.request = request;
      }
      const over = item.requestId ? overdueBy.get(item.requestId) : undefined;
      if (over !== undefined) {
        item.overdueMinutes = over;
      }
    }
  }
  return { sections, districts };
}
