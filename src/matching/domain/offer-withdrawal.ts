import type { MatchStatus } from './match-status';

/** Why open proposals and offers are withdrawn; the volunteer's email says it in words. */
export const OFFER_WITHDRAWAL_REASONS = [
  'request-closed',
  'request-changed',
  'volunteer-inactive',
  'filled',
] as const;
export type OfferWithdrawalReason = (typeof OFFER_WITHDRAWAL_REASONS)[number];

/**
 * Whether the volunteer hears about a withdrawal: only one who was sent the offer (the match is
 * offered, or its offer email went out); a proposal never shown to them, or an offer still waiting
 * in quiet hours or for the digest, ends silently.
 */
export function volunteerIsTold(status: MatchStatus, offerEmailSent: boolean): boolean {
  return status === 'offered' || (status === 'approved' && offerEmailSent);
}
