import { createLinkToken, isCurrentLinkVersion, verifyLinkToken } from '../../shared/signed-links';

/**
 * Host links (purpose `host`): the host page's token names the provider (action `host`); a link
 * from the review reminder names one opportunity and what it does (`review-confirm`,
 * `review-pause`), so it can act on that opportunity only. Both carry the provider's link
 * version: raising it (console, "Alle Links ungültig machen") revokes every host link sent.
 */
export const HOST_LINK_DAYS = 30;
const DAY_MS = 24 * 3600_000;

export const HOST_PAGE_ACTION = 'host';
export const HOST_REVIEW_ACTIONS = ['review-confirm', 'review-pause'] as const;
export type HostReviewAction = (typeof HOST_REVIEW_ACTIONS)[number];

export function hostPageToken(
  secret: string,
  provider: { id: string; linkVersion: number },
  now: Date,
): string {
  return createLinkToken(secret, {
    purpose: 'host',
    subjectId: provider.id,
    action: HOST_PAGE_ACTION,
    expiresAt: new Date(now.getTime() + HOST_LINK_DAYS * DAY_MS),
    version: provider.linkVersion,
  });
}

export function hostReviewToken(
  secret: string,
  opportunityId: string,
  action: HostReviewAction,
  linkVersion: number,
  now: Date,
): string {
  return createLinkToken(secret, {
    purpose: 'host',
    subjectId: opportunityId,
    action,
    expiresAt: new Date(now.getTime() + HOST_LINK_DAYS * DAY_MS),
    version: linkVersion,
  });
}

/** What a host token says before the database is asked: nothing, or its subject and action. */
export type HostTokenCheck =
  | { kind: 'invalid' }
  | { kind: 'expired'; subjectId: string; action: string }
  | { kind: 'valid'; subjectId: string; action: string; version: number };

export function checkHostToken(secret: string, token: string, now: Date): HostTokenCheck {
  const check = verifyLinkToken(secret, 'host', token, now);
  if (!check.valid) {
    return check.reason === 'expired'
      ? { kind: 'expired', subjectId: check.claims.subjectId, action: check.claims.action }
      : { kind: 'invalid' };
  }
  return {
    kind: 'valid',
    subjectId: check.claims.subjectId,
    action: check.claims.action,
    version: check.claims.version,
  };
}

export const isCurrentHostLink = (version: number, providerVersion: number): boolean =>
  isCurrentLinkVersion({ version }, providerVersion);
