import { ConflictError } from '../../shared/domain-error';

/*
 * A match's lifecycle (one volunteer proposed for one request): its statuses and every allowed
 * change, in one table. Services decide a change and check it here before writing it.
 */

export const MATCH_STATUSES = [
  'proposed',
  'approved',
  'offered',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
  // The volunteer called off an agreed assignment (by the link in the confirmation, or staff
  // recorded it): the request is matched again.
  'dropped-out',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

const MATCH_TRANSITIONS: Readonly<Record<MatchStatus, readonly MatchStatus[]>> = {
  // Approved by staff or by auto-offer; withdrawn when staff reject it, another volunteer accepts,
  // the request closes, staff block the volunteer for this help-seeker, or the volunteer leaves.
  proposed: ['approved', 'withdrawn'],
  // Offered once the email has gone out (quiet hours and digests delay it); the volunteer may
  // answer before that from an earlier email's link.
  approved: ['offered', 'accepted', 'declined', 'expired', 'withdrawn'],
  offered: ['accepted', 'declined', 'expired', 'withdrawn'],
  // History: an accepted match stays when its request closes. Withdrawn only when the volunteer
  // erases their account before the assignment; dropped out when they call it off. Either way the
  // request is matched again.
  accepted: ['withdrawn', 'dropped-out'],
  declined: [],
  expired: [],
  withdrawn: [],
  'dropped-out': [],
};

/** Proposals and offers not yet answered: they end (withdrawn) with the request or when the volunteer leaves. */
export const OPEN_MATCH_STATUSES = [
  'proposed',
  'approved',
  'offered',
] as const satisfies readonly MatchStatus[];

/** Statuses in which the volunteer has been asked and may still answer. */
export const ANSWERABLE_MATCH_STATUSES = ['approved', 'offered'] as const satisfies readonly MatchStatus[];

export function canMatchTransition(from: MatchStatus, to: MatchStatus): boolean {
  return MATCH_TRANSITIONS[from].includes(to);
}

/** Throws a ConflictError (code "conflict") naming both statuses when the table forbids the change. */
export function assertMatchTransition(from: MatchStatus, to: MatchStatus): void {
  if (!canMatchTransition(from, to)) {
    throw new ConflictError(`a ${from} match cannot become ${to}`);
  }
}

/** Statuses from which the table allows `to`: for SQL that changes many matches at once. */
export function matchStatusesLeadingTo(to: MatchStatus): MatchStatus[] {
  return MATCH_STATUSES.filter((from) => canMatchTransition(from, to));
}
