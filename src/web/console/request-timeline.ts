import type { EntityManager } from 'typeorm';
import type { CloseTimelineEvent } from './pages/request-close';
import { loadCloseTimeline } from './request-close-timeline';

/**
 * One line of a request's history: what happened, when, and which staff member did it. A read
 * model: the codes stay codes here, the page puts them in words from the catalogue.
 */
export type TimelineEvent =
  | { kind: 'audit'; action: string; volunteer: string | null }
  | { kind: 'proposed'; volunteer: string; score: number }
  | { kind: 'offered'; volunteer: string }
  | { kind: 'answer'; answer: 'accepted' | 'declined' | 'expired'; volunteer: string }
  | { kind: 'mail'; mailKind: string; recipient: string; status: string }
  | { kind: 'note'; body: string }
  | CloseTimelineEvent;

export interface TimelineEntry {
  at: Date;
  event: TimelineEvent;
  by: string | null;
}

const ANSWERS = ['accepted', 'declined', 'expired'] as const;

/**
 * Everything that happened to a request, oldest first: staff actions (audit log, with names),
 * who was asked and what they answered (matches), emails and their status, and notes.
 */
export async function loadRequestTimeline(db: EntityManager, requestId: string): Promise<TimelineEntry[]> {
  const [audits, matches, notifications, notes] = await Promise.all([
    db.query<{ action: string; at: Date; staff: string | null; volunteer: string | null }[]>(
      `SELECT a.action, a.at, s.name AS staff, NULL AS volunteer FROM audit_log a
         LEFT JOIN staff_user s ON s.id = a.staff_user_id
        WHERE a.entity_type = 'help-request' AND a.entity_id = $1::text
       UNION ALL
       SELECT a.action, a.at, s.name AS staff, v.name AS volunteer FROM match m
         JOIN audit_log a ON a.entity_type = 'match' AND a.entity_id = m.id::text
         LEFT JOIN staff_user s ON s.id = a.staff_user_id
         LEFT JOIN volunteer v ON v.id = m.volunteer_id
        WHERE m.request_id = $1::uuid
        ORDER BY at LIMIT 500`,
      [requestId],
    ),
    db.query<
      {
        status: string;
        created_at: Date;
        offered_at: Date | null;
        responded_at: Date | null;
        score: number;
        volunteer: string;
      }[]
    >(
      `SELECT m.status, m.created_at, m.offered_at, m.responded_at, m.score, v.name AS volunteer
         FROM match m JOIN volunteer v ON v.id = m.volunteer_id WHERE m.request_id = $1`,
      [requestId],
    ),
    db.query<{ kind: string; recipient: string; status: string; created_at: Date; sent_at: Date | null }[]>(
      `SELECT n.kind, n.recipient, n.status, n.created_at, n.sent_at FROM notification n
        WHERE n.subject_id IN (SELECT id FROM match WHERE request_id = $1)`,
      [requestId],
    ),
    db.query<{ body: string; created_at: Date; staff: string | null }[]>(
      `SELECT n.body, n.created_at, s.name AS staff FROM help_request_note n
         LEFT JOIN staff_user s ON s.id = n.staff_user_id WHERE n.request_id = $1`,
      [requestId],
    ),
  ]);
  const entries: TimelineEntry[] = [];
  for (const audit of audits) {
    // Views are many and say little; notes come with their text from their own table.
    if (audit.action === 'help-request.viewed' || audit.action === 'help-request.note-added') {
      continue;
    }
    entries.push({
      at: new Date(audit.at),
      event: { kind: 'audit', action: audit.action, volunteer: audit.volunteer },
      by: audit.staff,
    });
  }
  for (const match of matches) {
    entries.push({
      at: new Date(match.created_at),
      event: { kind: 'proposed', volunteer: match.volunteer, score: match.score },
      by: null,
    });
    if (match.offered_at) {
      entries.push({
        at: new Date(match.offered_at),
        event: { kind: 'offered', volunteer: match.volunteer },
        by: null,
      });
    }
    const answer = ANSWERS.find((candidate) => candidate === match.status);
    if (answer && match.responded_at) {
      entries.push({
        at: new Date(match.responded_at),
        event: { kind: 'answer', answer, volunteer: match.volunteer },
        by: null,
      });
    }
  }
  for (const mail of notifications) {
    entries.push({
      at: new Date(mail.sent_at ?? mail.created_at),
      event: { kind: 'mail', mailKind: mail.kind, recipient: mail.recipient, status: mail.status },
      by: null,
    });
  }
  for (const note of notes) {
    entries.push({ at: new Date(note.created_at), event: { kind: 'note', body: note.body }, by: note.staff });
  }
  entries.push(...(await loadCloseTimeline(db, requestId)));
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
