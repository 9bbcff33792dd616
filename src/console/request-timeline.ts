import type { EntityManager } from 'typeorm';
import type { LocalizedText } from '../shared/localized-text';

/** One line of a request's history: what happened, when, and which staff member did it. */
export interface TimelineEntry {
  at: Date;
  text: LocalizedText;
  by: string | null;
}

const MATCH_EVENT: Record<string, LocalizedText> = {
  accepted: { de: 'hat zugesagt', en: 'accepted' },
  declined: { de: 'hat abgesagt', en: 'declined' },
  expired: { de: 'hat nicht geantwortet (abgelaufen)', en: 'did not answer (expired)' },
};

const AUDIT_TEXT: Record<string, LocalizedText> = {
  'help-request.created': { de: 'Anfrage aufgenommen', en: 'Request recorded' },
  'help-request.viewed': { de: 'Anfrage geöffnet', en: 'Request opened' },
  'help-request.rematched': { de: 'Neue Suche gestartet', en: 'Search started again' },
  'help-request.called-back': { de: 'Zurückgerufen', en: 'Called back' },
  'help-request.note-added': { de: 'Notiz', en: 'Note' },
  'help-request.done': { de: 'Abgeschlossen', en: 'Closed as done' },
  'help-request.cancelled': { de: 'Storniert', en: 'Cancelled' },
  'help-request.unfulfilled': { de: 'Nicht vermittelt', en: 'Closed unfulfilled' },
  'match.approved': { de: 'Angefragt', en: 'Asked' },
  'match.rejected': { de: 'Vorschlag abgelehnt', en: 'Proposal rejected' },
};

const NOTIFICATION_TEXT: Record<string, LocalizedText> = {
  'volunteer-offer': { de: 'Anfrage-E-Mail an', en: 'Offer email to' },
  'volunteer-confirmation': { de: 'Bestätigung an', en: 'Confirmation to' },
  'staff-offer-accepted': { de: 'Hinweis Zusage an', en: 'Acceptance notice to' },
  'staff-offer-declined': { de: 'Hinweis Absage an', en: 'Decline notice to' },
  'staff-offer-expired': { de: 'Hinweis keine Antwort an', en: 'No-answer notice to' },
};
const NOTIFICATION_STATUS: Record<string, LocalizedText> = {
  pending: { de: 'wartet', en: 'pending' },
  sent: { de: 'gesendet', en: 'sent' },
  failed: { de: 'unzustellbar', en: 'undeliverable' },
};

const both = (de: string, en: string): LocalizedText => ({ de, en });

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
    const text = AUDIT_TEXT[audit.action] ?? both(audit.action, audit.action);
    entries.push({
      at: new Date(audit.at),
      text: audit.volunteer ? both(`${text.de}: ${audit.volunteer}`, `${text.en}: ${audit.volunteer}`) : text,
      by: audit.staff,
    });
  }
  for (const match of matches) {
    entries.push({
      at: new Date(match.created_at),
      text: both(
        `Vorgeschlagen: ${match.volunteer} (${match.score.toFixed(1)} Punkte)`,
        `Proposed: ${match.volunteer} (score ${match.score.toFixed(1)})`,
      ),
      by: null,
    });
    if (match.offered_at) {
      entries.push({
        at: new Date(match.offered_at),
        text: both(`Angebot verschickt an ${match.volunteer}`, `Offer sent to ${match.volunteer}`),
        by: null,
      });
    }
    const answer = MATCH_EVENT[match.status];
    if (answer && match.responded_at) {
      entries.push({
        at: new Date(match.responded_at),
        text: both(`${match.volunteer} ${answer.de}`, `${match.volunteer} ${answer.en}`),
        by: null,
      });
    }
  }
  for (const mail of notifications) {
    const kind = NOTIFICATION_TEXT[mail.kind] ?? both(mail.kind, mail.kind);
    const status = NOTIFICATION_STATUS[mail.status] ?? both(mail.status, mail.status);
    entries.push({
      at: new Date(mail.sent_at ?? mail.created_at),
      text: both(`${kind.de} ${mail.recipient}: ${status.de}`, `${kind.en} ${mail.recipient}: ${status.en}`),
      by: null,
    });
  }
  for (const note of notes) {
    entries.push({
      at: new Date(note.created_at),
      text: both(`Notiz: ${note.body}`, `Note: ${note.body}`),
      by: note.staff,
    });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
