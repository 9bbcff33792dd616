import { createLinkToken, verifyLinkToken } from './signed-links';

/*
 * Offer answer links ("accept" / "decline" one match) in the shared signed-link scheme, with the
 * purpose "offer" and the match as subject; this file only narrows the action to an offer answer.
 */

export const OFFER_ACTIONS = ['accept', 'decline'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

export interface OfferLinkClaims {
  matchId: string;
  action: OfferAction;
  expiresAt: Date;
  /** The volunteer's link version when the offer was sent. */
  version: number;
}

export type OfferLinkCheck =
  | { valid: true; claims: OfferLinkClaims }
  | { valid: false; reason: 'malformed' | 'bad-signature' }
  | { valid: false; reason: 'expired'; claims: OfferLinkClaims };

const isOfferAction = (action: string): action is OfferAction =>
  (OFFER_ACTIONS as readonly string[]).includes(action);

/** A token binding one match, one answer and an expiry, so a volunteer's link can act on no other match. */
export function createOfferToken(secret: string, claims: OfferLinkClaims): string {
  return createLinkToken(secret, {
    purpose: 'offer',
    subjectId: claims.matchId,
    action: claims.action,
    expiresAt: claims.expiresAt,
    version: claims.version,
  });
}

export function verifyOfferToken(secret: string, token: string, now: Date): OfferLinkCheck {
  const check = verifyLinkToken(secret, 'offer', token, now);
  if (!check.valid && check.reason !== 'expired') {
    return check;
  }
  const { subjectId: matchId, action, expiresAt, version } = check.claims;
  if (!isOfferAction(action)) {
    return { valid: false, reason: 'malformed' };
  }
  const claims: OfferLinkClaims = { matchId, action, expiresAt, version };
  return check.valid ? { valid: true, claims } : { valid: false, reason: 'expired', claims };
}
