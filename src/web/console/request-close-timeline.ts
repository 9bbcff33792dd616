import type { EntityManager } from 'typeorm';
import type { TimelineEntry } from './request-timeline';

/**
 * The timeline lines about how a request ended: its closure (outcome, reason, note, where a
 * duplicate went), duplicates merged into it, and the volunteers' follow-up answers.
 */
export async function loadCloseTimeline(db: EntityManager, requestId: string): Promise<TimelineEntry[]> {
  const [closures, merged, followUps] = await Promise.all([
    db.query<
      {
        status: string;
        outcome: string | null;
        close_reason: string | null;
        close_note: string | null;
        merged_into_id: string | null;
        closed_at: Date;
      }[]
    >(
      `SELECT status, outcome, close_reason, close_note, merged_into_id, closed_at FROM help_request
        WHERE id = $1 AND closed_at IS NOT NULL`,
      [requestId],
    ),
    db.query<{ id: string; closed_at: Date }[]>(
      `SELECT id, closed_at FROM help_request WHERE merged_into_id = $1 AND closed_at IS NOT NULL`,
      [requestId],
    ),
    db.query<{ follow_up_outcome: string; follow_up_at: Date; volunteer: string }[]>(
      `SELECT m.follow_up_outcome, m.follow_up_at, v.name AS volunteer FROM match m
         JOIN volunteer v ON v.id = m.volunteer_id
        WHERE m.request_id = $1 AND m.follow_up_at IS NOT NULL AND m.follow_up_outcome IS NOT NULL`,
      [requestId],
    ),
  ]);
  const entries: TimelineEntry[] = [];
  for (const row of closures) {
    entries.push({
      at: new Date(row.closed_at),
      event: {
        kind: 'closure',
        status: row.status,
        detail: row.close_reason ?? row.outcome,
        note: row.close_note,
        mergedInto: row.merged_into_id,
      },
      by: null,
    });
  }
  for (const row of merged) {
    entries.push({ at: new Date(row.closed_at), event: { kind: 'merged', duplicateId: row.id }, by: null });
  }
  for (const row of followUps) {
    entries.push({
      at: new Date(row.follow_up_at),
      event: { kind: 'follow-up', volunteer: row.volunteer, answer: row.follow_up_outcome },
      by: null,
    });
  }
  return entries;
}
