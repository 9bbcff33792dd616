import type { EligibilityResult } from './eligibility';
import type { ExclusionReason } from './types';

/**
 * Rules about the volunteer's load, which an offer already sent counts itself: the offer is part of
 * their open assignments and of this week's offers, so these rules cannot say it no longer fits.
 */
const LOAD_RULES: readonly ExclusionReason[] = ['at-capacity', 'weekly-offer-cap'];

/**
 * Does an offer already sent (or a proposal) still fit after staff changed the request? The
 * engine's eligibility for that volunteer, without the load rules the offer itself counts toward.
 */
export function stillFits(result: EligibilityResult): boolean {
  return result.eligible || LOAD_RULES.includes(result.reason);
}
