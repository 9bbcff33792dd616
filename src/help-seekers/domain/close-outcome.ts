import type { ClosedRequestStatus, HelpRequestStatus } from './request-status';
import { canRequestTransition } from './request-status';

/*
 * How a request ends, in the words reports count: the closed status, how it went (done), and the
 * reason (unfulfilled, rejected). Pure: the service checks a closing here before writing it.
 */

/** Why nobody helped; came-too-late is also set by the job that closes requests whose date passed. */
export const UNFULFILLED_REASONS = [
  'nobody-fits',
  'came-too-late',
  'help-seeker-unreachable',
  'help-seeker-declined',
  'other',
] as const;
export type UnfulfilledReason = (typeof UNFULFILLED_REASONS)[number];

/** Why staff rejected a request: spam, or a duplicate merged into another request. */
export const REJECTED_REASONS = ['spam', 'duplicate'] as const;
export type RejectedReason = (typeof REJECTED_REASONS)[number];

export const CLOSE_REASONS = [...UNFULFILLED_REASONS, ...REJECTED_REASONS] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const HOW_IT_WENT = ['went-well', 'problems'] as const;
export type HowItWent = (typeof HOW_IT_WENT)[number];

/** The reasons a closed status takes (none: done and cancelled). */
export function reasonsFor(status: ClosedRequestStatus): readonly CloseReason[] {
  return status === 'unfulfilled' ? UNFULFILLED_REASONS : status === 'rejected' ? REJECTED_REASONS : [];
}

/** True when `reason` belongs to `status` (or both say "no reason"). */
export function reasonFitsStatus(status: ClosedRequestStatus, reason: string | undefined | null): boolean {
  const allowed = reasonsFor(status) as readonly string[];
  return allowed.length === 0 ? reason === undefined || reason === null : allowed.includes(reason ?? '');
}

/**
 * One choice of the console's close form: "done:went-well", "cancelled", "rejected:duplicate",
 * "unfulfilled:nobody-fits" …, so one keyboard-friendly select says it all.
 */
export interface ClosingChoice {
  value: string;
  status: ClosedRequestStatus;
  /** how it went (done) or the reason (unfulfilled, rejected) */
  detail: string | null;
}

/** The closings possible from `from`, in the order the form lists them. */
export function closingChoices(from: HelpRequestStatus): ClosingChoice[] {
  const all: ClosingChoice[] = [
    ...HOW_IT_WENT.map((how) => ({ value: `done:${how}`, status: 'done' as const, detail: how })),
    { value: 'cancelled', status: 'cancelled', detail: null },
    ...UNFULFILLED_REASONS.map((reason) => ({
      value: `unfulfilled:${reason}`,
      status: 'unfulfilled' as const,
      detail: reason,
    })),
    ...REJECTED_REASONS.map((reason) => ({
      value: `rejected:${reason}`,
      status: 'rejected' as const,
      detail: reason,
    })),
  ];
  return all.filter((choice) => canRequestTransition(from, choice.status));
}

/** The closing a form value names ("unfulfilled:other" → status + detail); null for anything else. */
export function parseClosingChoice(value: unknown): ClosingChoice | null {
  if (typeof value !== 'string') {
    return null;
  }
  const [status, detail = null] = value.split(':', 2);
  const choice = closingChoices('in-review')
    .concat(closingChoices('matched'))
    .find((candidate) => candidate.status === status && candidate.detail === detail);
  return choice ?? null;
}

/** A request id in what staff pasted: the id itself or a console link to the request. */
export function requestIdIn(text: string | undefined): string | undefined {
  if (text === undefined) {
    return undefined;
  }
  const found = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(text);
  return found ? found[0].toLowerCase() : text;
}

/** Statuses in which a request still waits for a volunteer; when its date passes it came too late. */
export const UNMATCHED_OPEN_STATUSES = [
  'in-review',
  'open',
  'matching',
  'proposals-ready',
  'offered',
] as const satisfies readonly HelpRequestStatus[];
