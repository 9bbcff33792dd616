import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The one scheme for signed single-purpose links in emails (offer answers, unsubscribe,
 * preferences, email confirmation, follow-up): the token binds a purpose, one record, one action
 * and an expiry under an HMAC with LINK_SECRET, so a link can act on nothing else. What a link may
 * still do is decided by the record's state, not by the token (single use).
 *
 * Token: `<purpose>.<subject uuid>.<action>.<expiry epoch seconds>.<base64url HMAC-SHA256>`.
 */

export const LINK_PURPOSES = [
  'offer',
  'unsubscribe',
  'preferences',
  'email-confirmation',
  'follow-up',
  'retention',
] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export interface LinkClaims {
  purpose: LinkPurpose;
  subjectId: string;
  /** Lower-case letters, digits and dashes; what the link does (e.g. "went-well") or binds (a hash). */
  action: string;
  expiresAt: Date;
}

/** An expired token still names its claims, so a page can say which offer or link ran out. */
export type LinkCheck =
  | { valid: true; claims: LinkClaims }
  | { valid: false; reason: 'malformed' | 'bad-signature' }
  | { valid: false; reason: 'expired'; claims: LinkClaims };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ACTION = /^[a-z0-9-]{1,40}$/;

const hmacSha256 = (secret: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(payload).digest();

function payloadOf(claims: LinkClaims): string {
  return `${claims.purpose}.${claims.subjectId}.${claims.action}.${Math.floor(claims.expiresAt.getTime() / 1000)}`;
}

export function createLinkToken(secret: string, claims: LinkClaims): string {
  if (!UUID.test(claims.subjectId) || !ACTION.test(claims.action)) {
    throw new Error(`cannot sign a link for ${claims.purpose}: bad subject or action`);
  }
  const payload = payloadOf(claims);
  return `${payload}.${hmacSha256(secret, payload).toString('base64url')}`;
}

/** Checks the signature and expiry, and that the token is for `purpose`. */
export function verifyLinkToken(secret: string, purpose: LinkPurpose, token: string, now: Date): LinkCheck {
  const parts = token.split('.');
  if (parts.length !== 5) {
    return { valid: false, reason: 'malformed' };
  }
  const [givenPurpose, subjectId, action, expiresEpoch, signature] = parts;
  if (
    givenPurpose !== purpose ||
    !UUID.test(subjectId) ||
    !ACTION.test(action) ||
    !/^\d{1,12}$/.test(expiresEpoch)
  ) {
    return { valid: false, reason: 'malformed' };
  }
  const expected = hmacSha256(secret, `${givenPurpose}.${subjectId}.${action}.${expiresEpoch}`);
  // Node's decoder ignores stray characters and the unused low bits of the last one; only the one
  // canonical spelling of the signature counts, so a link has exactly one form.
  const given = Buffer.from(signature, 'base64url');
  if (given.toString('base64url') !== signature) {
    return { valid: false, reason: 'malformed' };
  }
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: 'bad-signature' };
  }
  const claims: LinkClaims = { purpose, subjectId, action, expiresAt: new Date(Number(expiresEpoch) * 1000) };
  if (claims.expiresAt <= now) {
    return { valid: false, reason: 'expired', claims };
  }
  return { valid: true, claims };
}
