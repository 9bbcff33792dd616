import { createLinkToken } from '../../shared/signed-links';
import type { FollowUpSide } from '../../placements/domain/follow-up-answers';

/** A follow-up link stays answerable this long (the question is about these weeks, not forever). */
export const PLACEMENT_FOLLOW_UP_LINK_DAYS = 60;
const DAY_MS = 24 * 3600_000;

/**
 * The answer link of a placement's follow-up: subject the placement, action the side asked
 * (volunteer or host), version the holder's link version (the volunteer's or the provider's), so
 * "revoke my links" on either side revokes it too.
 */
export const placementFollowUpToken = (
  secret: string,
  placementId: string,
  side: FollowUpSide,
  version: number,
  now: Date,
): string =>
  createLinkToken(secret, {
    purpose: 'placement-follow-up',
    subjectId: placementId,
    action: side,
    expiresAt: new Date(now.getTime() + PLACEMENT_FOLLOW_UP_LINK_DAYS * DAY_MS),
    version,
  });
