import { checkEligibility } from './eligibility';
import { scoreCandidate, totalScore } from './score';
import {
  EXCLUSION_REASONS,
  type CandidateVolunteer,
  type Exclusion,
  type ExclusionReason,
  type MatchableRequest,
  type RankedCandidate,
  type RankingContext,
  type RankingResult,
} from './types';
import { type LocalizedText } from '../../shared/localized-text';

/** Kept here too, where it used to live. */
export { DEFAULT_MATCHING_POLICY } from './policy';

/** One volunteer judged on their own: proposable with their score, or the rule that excludes them. */
export type VolunteerExplanation =
  | { eligible: true; candidate: RankedCandidate }
  | { eligible: false; reason: ExclusionReason; explanation: LocalizedText };

/**
 * Proposes the best-fitting volunteers for a request and explains why the others were left out.
 * Deterministic: the same candidates in any order give the same proposals in the same order.
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
    // Scored without explanations first: only the proposals get theirs written (below).
    const result = explainVolunteer(request, volunteer, ctx, false);
    if (!result.eligible) {
      excluded.push({ volunteerId: volunteer.id, reason: result.reason, explanation: result.explanation });
      exclusionCounts[result.reason] += 1;
      continue;
    }
    eligible.push(result.candidate);
  }

  eligible.sort(byProposalOrder);
  const limit = Math.max(0, Math.floor(ctx.policy.maxProposals));
  const byId = new Map(candidates.map((volunteer) => [volunteer.id, volunteer]));
  const ranked = eligible.slice(0, limit).map((candidate) => {
    const explained = explainVolunteer(request, byId.get(candidate.volunteerId)!, ctx);
    return explained.eligible ? explained.candidate : candidate;
  });
  return { ranked, excluded, exclusionCounts };
}

/**
 * For the staff question "why was X not proposed?": the first hard rule X breaks, or X's score and
 * breakdown exactly as rankCandidates computes them (X may still be below the proposal limit).
 */
export function explainVolunteer(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  ctx: RankingContext,
  explain = true,
): VolunteerExplanation {
  const result = checkEligibility(request, volunteer, ctx);
  if (!result.eligible) {
    return result;
  }
  const breakdown = scoreCandidate(request, volunteer, result.distanceKm, ctx.policy, ctx.skills, explain);
  return {
    eligible: true,
    candidate: {
      volunteerId: volunteer.id,
      score: totalScore(breakdown),
      distanceKm: result.distanceKm,
      breakdown,
    },
  };
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
