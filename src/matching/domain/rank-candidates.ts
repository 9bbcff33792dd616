import { checkEligibility } from './eligibility';
import { scoreCandidate, totalScore } from './score';
import {
  EXCLUSION_REASONS,
  type CandidateVolunteer,
  type Exclusion,
  type ExclusionReason,
  type MatchableRequest,
  type MatchingPolicy,
  type RankedCandidate,
  type RankingContext,
  type RankingResult,
} from './types';

/** Frozen because it is shared: callers derive their own policy with a spread. */
export const DEFAULT_MATCHING_POLICY: MatchingPolicy = Object.freeze({
  weights: Object.freeze({ skills: 0.5, distance: 0.3, availability: 0.2 }),
  certificateValidityYears: 5,
  maxProposals: 5,
  distanceHalfScoreKm: 3,
});

/**
 * Proposes the best-fitting volunteers for a request and explains why the others were left out.
 * Deterministic: the same input always gives the same order.
 */
export function rankCandidates(
  request: MatchableRequest,
  candidates: CandidateVolunteer[],
  ctx: RankingContext,
): RankingResult {
  const eligible: RankedCandidate[] = [];
  const excluded: Exclusion[] = [];
  const exclusionCounts = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<
    ExclusionReason,
    number
  >;

  for (const volunteer of candidates) {
    const result = checkEligibility(request, volunteer, ctx);
    if (!result.eligible) {
      excluded.push({ volunteerId: volunteer.id, reason: result.reason, explanation: result.explanation });
      exclusionCounts[result.reason] += 1;
      continue;
    }
    const breakdown = scoreCandidate(request, volunteer, result.distanceKm, ctx.policy);
    eligible.push({
      volunteerId: volunteer.id,
      score: totalScore(breakdown),
      distanceKm: result.distanceKm,
      breakdown,
    });
  }

  eligible.sort(byProposalOrder);
  const limit = Math.max(0, Math.floor(ctx.policy.maxProposals));
  return { ranked: eligible.slice(0, limit), excluded, exclusionCounts };
}

/** Score first, then the shorter way, then the id, compared by code unit so no locale decides. */
function byProposalOrder(a: RankedCandidate, b: RankedCandidate): number {
  if (a.score !== b.score) {
    return b.score - a.score;
  }
  if (a.distanceKm !== b.distanceKm) {
    return a.distanceKm - b.distanceKm;
  }
  return a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0;
}
