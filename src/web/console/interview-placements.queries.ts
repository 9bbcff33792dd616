import type { EntityManager } from 'typeorm';
import type { InterviewLedToPlacement } from './pages/interview-opportunities';

/** The placements each of the volunteer's advisory interviews led to, by interview id (one query). */
export async function loadInterviewLedTo(
  manager: EntityManager,
  volunteerId: string,
): Promise<Record<string, InterviewLedToPlacement[]>> {
  const rows = await manager.query<(InterviewLedToPlacement & { interviewId: string })[]>(
    `SELECT p.advisory_interview_id AS "interviewId", p.id AS "placementId", p.opportunity_id AS "opportunityId",
            o.title, p.stage
       FROM placement p JOIN opportunity o ON o.id = p.opportunity_id
      WHERE p.volunteer_id = $1 AND p.advisory_interview_id IS NOT NULL
      ORDER BY p.created_at, p.id LIMIT 500`,
    [volunteerId],
  );
  const byInterview: Record<string, InterviewLedToPlacement[]> = {};
  for (const { interviewId, ...placement } of rows) {
    (byInterview[interviewId] ??= []).push(placement);
  }
  return byInterview;
}
