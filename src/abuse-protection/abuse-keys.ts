import { createHash } from 'node:crypto';

/** What a public form submits; each has its own counters, so a help request does not use up a sign-up. */
export const PUBLIC_SUBMISSIONS = [
  'help-request',
  'volunteer',
  'provider',
  'self-service-link',
  'host-link',
] as const;
export type PublicSubmission = (typeof PUBLIC_SUBMISSIONS)[number];

export const HOUR_MS = 3_600_000;

/** Email addresses never appear in Redis as such (no personal data there): a short hash stands for them. */
export const emailKeyPart = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24);

/** One fixed window per hour; the window's number is part of the key, so keys never need resetting. */
export function windowKey(
  prefix: string,
  scope: string,
  id: string,
  now: number,
  windowMs = HOUR_MS,
): string {
  return `${prefix}:abuse:${scope}:${id}:${Math.floor(now / windowMs)}`;
}

/** A honeypot field a person never sees: anything typed into it came from a bot. */
export const HONEYPOT_FIELD = 'website';

export const isHoneypotFilled = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
