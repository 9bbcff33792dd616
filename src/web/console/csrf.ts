import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Name of the hidden form field every console form carries. */
export const CSRF_FIELD = '_csrf';
/** Double-submit cookie of the login form, which has no session yet to bind a token to. */
export const LOGIN_CSRF_COOKIE = 'nahbar_login_csrf';

/**
 * Synchronizer token bound to the session: an HMAC of the session token, so it needs no storage,
 * changes with every login, and cannot be computed by a page that does not know the session.
 */
export function csrfTokenFor(sessionToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`console-csrf:${sessionToken}`).digest('base64url');
}

export function newLoginCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; anything missing or of another length is simply not equal. */
export function tokensMatch(expected: string | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string' || given.length !== expected.length) {
    return false;
  }
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}
