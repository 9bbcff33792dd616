import { ConflictError } from '../../shared/domain-error';

/*
 * A help request's lifecycle: its statuses and every allowed change, in one table. Services decide
 * a change and check it here before writing it; nothing else decides what may follow what.
 */

export const HELP_REQUEST_STATUSES = [
  // From the public pages: waits until staff have seen it (agency setting reviewPublicRequestsFirst).
  'in-review',
  'open',
  'matching',
  'proposals-ready',
  'offered',
  'matched',
  'done',
  'cancelled',
  'unfulfilled',
  // Spam, or a duplicate merged into another request (close_reason, merged_into_id).
  'rejected',
] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

/** Staff close a request with one of these; a closed request never changes again. */
export const CLOSED_REQUEST_STATUSES = ['done', 'cancelled', 'unfulfilled', 'rejected'] as const;
export type ClosedRequestStatus = (typeof CLOSED_REQUEST_STATUSES)[number];

/**
 * Staff may give up on a request in any open status: cancelled (by the help-seeker), unfulfilled
 * (nobody found, came too late …) or rejected (spam, a duplicate).
 */
const GIVE_UP = ['cancelled', 'unfulfilled', 'rejected'] as const;

const REQUEST_TRANSITIONS: Readonly<Record<HelpRequestStatus, readonly HelpRequestStatus[]>> = {
  // Released by staff after review.
  'in-review': ['matching', ...GIVE_UP],
  // Rematched by staff, or a volunteer who newly fits is proposed (recheck, "why not?" check).
  open: ['matching', 'proposals-ready', ...GIVE_UP],
  // The matching run found proposals, or nobody.
  matching: ['proposals-ready', 'open', ...GIVE_UP],
  // Staff approve a proposal (offered), rematch, or reject the last proposal (open).
  'proposals-ready': ['offered', 'matching', 'open', ...GIVE_UP],
  // The volunteer accepts (matched). After a decline or expiry: the next proposal is offered at
  // once (auto-offer: offered again), staff choose among the rest, or it is matched again. Open
  // when it escalates: no time is left before the appointment to ask anyone else.
  offered: ['matched', 'offered', 'proposals-ready', 'matching', 'open', ...GIVE_UP],
  // Only a matched request can be done. Matched again when the volunteer erased their account
  // before the assignment.
  matched: ['done', 'matching', ...GIVE_UP],
  done: [],
  cancelled: [],
  unfulfilled: [],
  rejected: [],
};

export function canRequestTransition(from: HelpRequestStatus, to: HelpRequestStatus): boolean {
  return REQUEST_TRANSITIONS[from].includes(to);
}

export function isClosedRequestStatus(status: HelpRequestStatus): status is ClosedRequestStatus {
  return (CLOSED_REQUEST_STATUSES as readonly string[]).includes(status);
}

/** Throws a ConflictError (code "conflict") naming both statuses when the table forbids the change. */
export function assertRequestTransition(from: HelpRequestStatus, to: HelpRequestStatus): void {
  if (canRequestTransition(from, to)) {
    return;
  }
  if (isClosedRequestStatus(from)) {
    throw new ConflictError(`the request is already ${from}`);
  }
  if (to === 'done') {
    throw new ConflictError('only a matched request can be done; cancel it or mark it unfulfilled');
  }
  throw new ConflictError(`a ${from} request cannot become ${to}`);
}

/** The statuses a request may move to from `from`, for pages that offer only possible actions. */
export function nextRequestStatuses(from: HelpRequestStatus): readonly HelpRequestStatus[] {
  return REQUEST_TRANSITIONS[from];
}
