import { createHash } from 'node:crypto';
import { berlinWallClock } from '../../shared/berlin-time';

/**
 * Subject ids for emails that are about no single record: a uuid derived from what makes the email
 * unique, so the notification table's unique (kind, subject, recipient) key still means "once".
 */
export function derivedUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Shaped as an RFC 9562 version 8 (custom) uuid.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One offer digest per volunteer and Berlin day it goes out. */
export const offerDigestKey = (volunteerId: string, sendsAt: Date): string =>
  derivedUuid('offer-digest', volunteerId, berlinWallClock(sendsAt).date);

/** One staff digest per Berlin day. */
export const staffDigestKey = (day: string): string => derivedUuid('staff-digest', day);

/** One confirmation request per volunteer and address: a changed address is asked again. */
export const emailConfirmationKey = (volunteerId: string, email: string): string =>
  derivedUuid('email-confirmation', volunteerId, email.toLowerCase());

/** Binds an email-confirmation link to the address it was sent to. */
export const emailFingerprint = (email: string): string =>
  createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 16);

/**
 * At most one self-service link per address and hour, however often it is asked for. Keyed by the
 * address, not the volunteer: the public form queues it before anyone knows whether it is registered.
 */
export const selfServiceLinkKey = (email: string, now: Date): string =>
  derivedUuid('self-service-link', emailFingerprint(email), String(Math.floor(now.getTime() / 3_600_000)));

/** One "your account is no longer active" email per deactivation (the moment it happened). */
export const volunteerDeactivatedKey = (volunteerId: string, at: Date): string =>
  derivedUuid('volunteer-deactivated', volunteerId, at.toISOString());
