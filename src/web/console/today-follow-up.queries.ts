import type { EntityManager } from 'typeorm';
import type { TodayItem } from './today.queries';

/**
 * Heute's "Rückmeldungen mit Problemen" (docs/placements.md "Follow-up"): placements whose newest
 * follow-up answer (of either side) says it goes badly or only partly, or names a problem, and on
 * which staff have done nothing since (a note or a stage move by staff counts as seen).
 */
export async function placementFollowUpProblems(db: EntityManager): Promise<TodayItem[]> {
  const rows = await db.query<
    {
      id: string;
      volunteer_name: string;
      title: string;
      provider_name: string;
      at: Date;
      problem: string | null;
    }[]
  >(
    `SELECT p.id, v.name AS volunteer_name, o.title, pr.name AS provider_name, answer.at,
            answer.details->>'problem' AS problem
       FROM (SELECT DISTINCT ON (e.placement_id) e.placement_id, e.at, e.details
               FROM placement_event e
              WHERE e.kind = 'follow-up-answer'
              ORDER BY e.placement_id, e.at DESC) answer
       JOIN placement p ON p.id = answer.placement_id
       JOIN volunteer v ON v.id = p.volunteer_id
       JOIN opportunity o ON o.id = p.opportunity_id
       JOIN provider pr ON pr.id = o.provider_id
      WHERE (answer.details->>'attention')::boolean
        AND NOT EXISTS (SELECT 1 FROM placement_event seen
                         WHERE seen.placement_id = answer.placement_id
                           AND seen.actor = 'staff' AND seen.at > answer.at)
      ORDER BY answer.at
      LIMIT 100`,
  );
  return rows.map((row) => ({
    requestId: null,
    category: null,
    district: null,
    since: new Date(row.at),
    label: row.volunteer_name,
    detail: `${row.title} · ${row.provider_name}${row.problem ? ` · ${row.problem.slice(0, 120)}` : ''}`,
    href: `/console/placements/${row.id}`,
  }));
}
