import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The one scheme for signed single-purpose links in emails (offer answers, unsubscribe,
 * preferences, email confirmation, follow-up): the token binds a purpose, one record, one action
 * (for the self-service page: its scope), an expiry and the holder's link version under an HMAC
 * with LINK_SECRET, so a link can act on nothing else. What a link may still do is decided by the
 * record's state, not by the token (single use).
 *
 * The holder is the person the link was sent to (today always a volunteer; the subject is the
 * volunteer or one of their matches). Each holder has a link version; a route resolves the holder
 * from the subject and refuses a token whose version is not the holder's current one, so raising
 * the version revokes every link sent before. A host contact gets links the same way later: a
 * `link_version` column on its row and purposes whose subject leads to it.
 *
 * Token: `<purpose>.<subject uuid>.<action>.<expiry epoch seconds>.<version>.<base64url HMAC-SHA256>`.
 */

export const LINK_PURPOSES = [
  'offer',
  'unsubscribe',
  'preferences',
  'email-confirmation',
  'follow-up',
  'retention',
  // "I can't come after all": in the confirmation email, the subject is the accepted match.
  'drop-out',
  // A host contact's page (subject: the provider; action: its scope, e.g. "host").
  'host',
  // A placement's follow-up question, to the volunteer or the host (subject: the placement).
  'placement-follow-up',
] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export interface LinkClaims {
  purpose: LinkPurpose;
  subjectId: string;
  /** Lower-case letters, digits and dashes; what the link does (e.g. "went-well") or binds (a hash). */
  action: string;
  expiresAt: Date;
  /** The holder's link version when the link was made (1, 2, …). */
  version: number;
}

/** An expired token still names its claims, so a page can say which offer or link ran out. */
export type LinkCheck =
  | { valid: true; claims: LinkClaims }
  | { valid: false; reason: 'malformed' | 'bad-signature' }
  | { valid: false; reason: 'expired'; claims: LinkClaims };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ACTION = /^[a-z0-9-]{1,40}$/;
// Canonical decimal, no leading zero: one spelling per version.
const VERSION = /^[1-9]\d{0,8}$/;

const hmacSha256 = (secret: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(payload).digest();

function payloadOf(claims: LinkClaims): string {
  return `${claims.purpose}.${claims.subjectId}.${claims.action}.${Math.floor(claims.expiresAt.getTime() / 1000)}.${claims.version}`;
}

export function createLinkToken(secret: string, claims: LinkClaims): string {
  if (!UUID.test(claims.subjectId) || !ACTION.test(claims.action) || !VERSION.test(String(claims.version))) {
    throw new Error(`cannot sign a link for ${claims.purpose}: bad subject or action`);
  }
  const payload = payloadOf(claims);
  return `${payload}.${hmacSha256(secret, payload).toString('base64url')}`;
}

/** Checks the signature and expiry, and that the token is for `purpose`. */
export function verifyLinkToken(secret: string, purpose: LinkPurpose, token: string, now: Date): LinkCheck {
  const parts = token.split('.');
  if (parts.length !== 6) {
    return { valid: false, reason: 'malformed' };
  }
  const [givenPurpose, subjectId, action, expiresEpoch, version, signature] = parts;
  if (
    givenPurpose !== purpose ||
    !UUID.test(subjectId) ||
    !ACTION.test(action) ||
    !/^\d{1,12}$/.test(expiresEpoch) ||
    !VERSION.test(version)
  ) {
    return { valid: false, reason: 'malformed' };
  }
  const expected = hmacSha256(secret, `${givenPurpose}.${subjectId}.${action}.${expiresEpoch}.${version}`);
  // Node's decoder ignores stray characters and the unused low bits of the last one; only the one
  // canonical spelling of the signature counts, so a link has exactly one form.
  const given = Buffer.from(signature, 'base64url');
  if (given.toString('base64url') !== signature) {
    return { valid: false, reason: 'malformed' };
  }
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: 'bad-signature' };
  }
  const claims: LinkClaims = {
    purpose,
    subjectId,
    action,
    expiresAt: new Date(Number(expiresEpoch) * 1000),
    version: Number(version),
  };
  if (claims.expiresAt <= now) {
    return { valid: false, reason: 'expired', claims };
  }
  return { valid: true, claims };
}

/**
 * Whether a link's version is its holder's current one: an older link was revoked (erasure, the
 * holder's own request, staff). A newer one cannot be signed by us; it is refused as well.
 */
export const isCurrentLinkVersion = (claims: Pick<LinkClaims, 'version'>, holderVersion: number): boolean =>
  claims.version === holderVersion;

/**
 * What a self-service link ('preferences') may do, signed as its action. `settings`, in every
 * email's footer and valid for long: notification settings only (delivery, pause, quiet hours,
 * language), asking for an account link, revoking links. `account`, sent on request and valid for
 * an hour: also the profile, the matches, the data export and the account's deletion.
 */
export const SELF_SERVICE_SCOPES = ['settings', 'account'] as const;
export type SelfServiceScope = (typeof SELF_SERVICE_SCOPES)[number];

export const selfServiceScopeOf = (claims: Pick<LinkClaims, 'action'>): SelfServiceScope | null =>
  (SELF_SERVICE_SCOPES as readonly string[]).includes(claims.action)
    ? (claims.action as SelfServiceScope)
    : null;
