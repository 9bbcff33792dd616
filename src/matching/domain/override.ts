import { checkEligibility } from './eligibility';
import { scoreCandidate, totalScore } from './score';
import {
  EXCLUSION_REASONS,
  type CandidateVolunteer,
  type ExclusionReason,
  type MatchableRequest,
  type RankedCandidate,
  type RankingContext,
} from './types';
import { type LocalizedText } from '../../shared/localized-text';

/**
 * Which hard rules staff may override with a reason, in one table:
 * - `soft`: a limit the volunteer or the agency set for convenience; staff may step over it with a
 *   reason, e.g. after a phone call ("fährt ausnahmsweise 8 km", "kann diesmal auch nachmittags").
 * - `firm`: not a safeguard, but overriding would make no sense or break a promise: the volunteer is
 *   away, already answered this request, does not speak the language the help-seeker needs
 *   (a hard need: without it the help cannot happen), or already helps someone else at that time
 *   (double booking: one person cannot be in two places).
 * - `safeguarding`: protects the help-seeker or the volunteer; never overridable, whoever asks.
 */
export type OverrideClass = 'soft' | 'firm' | 'safeguarding';

export const OVERRIDE_CLASSES: Readonly<Record<ExclusionReason, OverrideClass>> = Object.freeze({
  'not-active': 'safeguarding',
  away: 'firm',
  blocked: 'safeguarding',
  'already-asked': 'firm',
  'under-minimum-age': 'safeguarding',
  'language-missing': 'firm',
  'certificate-missing': 'safeguarding',
  'certificate-expired': 'safeguarding',
  'outside-radius': 'soft',
  'not-available': 'soft',
  'double-booked': 'firm',
  'at-capacity': 'soft',
  'weekly-offer-cap': 'soft',
});

/** The reasons staff may override, in rule order. */
export const OVERRIDABLE_REASONS: readonly ExclusionReason[] = Object.freeze(
  EXCLUSION_REASONS.filter((reason) => OVERRIDE_CLASSES[reason] === 'soft'),
);

export const isOverridable = (reason: ExclusionReason): boolean => OVERRIDE_CLASSES[reason] === 'soft';

/** A rule that stays: its class (firm or safeguarding) and why. */
export interface OverrideRefusal {
  reason: ExclusionReason;
  overrideClass: Exclude<OverrideClass, 'soft'>;
  explanation: LocalizedText;
}

export type OverrideVerdict =
  /** No rule stands in the way: an ordinary proposal. */
  | { kind: 'eligible'; candidate: RankedCandidate }
  /** Only soft rules exclude the volunteer: proposable with a reason; each overridden rule explained. */
  | {
      kind: 'overridable';
      candidate: RankedCandidate;
      overridden: { reason: ExclusionReason; explanation: LocalizedText }[];
    }
  /** A firm or safeguarding rule excludes the volunteer: no override possible. */
  | {
      kind: 'refused';
      refusal: OverrideRefusal;
      overridden: { reason: ExclusionReason; explanation: LocalizedText }[];
    };

/**
 * What an override would take: applies the hard rules in their order, steps over each soft one
 * (collecting it with its explanation), and stops at the first firm or safeguarding rule. The
 * candidate is scored like any other (a longer way or fewer free hours lower the score).
 */
export function overrideVerdict(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  ctx: RankingContext,
): OverrideVerdict {
  const waived = new Set<ExclusionReason>();
  const overridden: { reason: ExclusionReason; explanation: LocalizedText }[] = [];
  // At most one pass per rule: each pass waives one more soft rule or ends.
  for (let pass = 0; pass <= EXCLUSION_REASONS.length; pass += 1) {
    const result = checkEligibility(request, volunteer, ctx, waived);
    if (result.eligible) {
      const breakdown = scoreCandidate(request, volunteer, result.distanceKm, ctx.policy, ctx.skills);
      const candidate: RankedCandidate = {
        volunteerId: volunteer.id,
        score: totalScore(breakdown),
        distanceKm: result.distanceKm,
        breakdown,
      };
      return overridden.length === 0
        ? { kind: 'eligible', candidate }
        : { kind: 'overridable', candidate, overridden };
    }
    const overrideClass = OVERRIDE_CLASSES[result.reason];
    if (overrideClass !== 'soft' || waived.has(result.reason)) {
      // A waived rule failing again is the radius beyond what an override may stretch.
      return {
        kind: 'refused',
        refusal: {
          reason: result.reason,
          overrideClass: overrideClass === 'soft' ? 'firm' : overrideClass,
          explanation: result.explanation,
        },
        overridden,
      };
    }
    waived.add(result.reason);
    overridden.push({ reason: result.reason, explanation: result.explanation });
  }
  throw new Error('unreachable: every pass waives a new rule');
}
