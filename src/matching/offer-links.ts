import { timingSafeEqual } from 'node:crypto';
import { hmacSha256 as sign } from '../common/signed-links';

export const OFFER_ACTIONS = ['accept', 'decline'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

export interface OfferLinkClaims {
  matchId: string;
  action: OfferAction;
  expiresAt: Date;
}

export type OfferLinkCheck =
  | { valid: true; claims: OfferLinkClaims }
  | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired'; claims?: OfferLinkClaims };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A link token binds one match, one action and an expiry under an HMAC, so a volunteer's link can
 * act on no other match. Single use is enforced by the match's state, not by the token.
 */
export function createOfferToken(secret: string, claims: OfferLinkClaims): string {
  const payload = `${claims.matchId}.${claims.action}.${Math.floor(claims.expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

export function verifyOfferToken(secret: string, token: string, now: Date): OfferLinkCheck {
  const parts = token.split('.');
  if (parts.length !== 4) {
    return { valid: false, reason: 'malformed' };
  }
  const [matchId, action, expiresEpoch, signature] = parts;
  if (
    !UUID.test(matchId) ||
    !(OFFER_ACTIONS as readonly string[]).includes(action) ||
    !/^\d{1,12}$/.test(expiresEpoch)
  ) {
    return { valid: false, reason: 'malformed' };
  }
  const expected = sign(secret, `${matchId}.${action}.${expiresEpoch}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: 'bad-signature' };
  }
  const claims: OfferLinkClaims = {
    matchId,
    action: action as OfferAction,
    expiresAt: new Date(Number(expiresEpoch) * 1000),
  };
  if (claims.expiresAt <= now) {
    return { valid: false, reason: 'expired', claims };
  }
  return { valid: true, claims };
}
