/*
 * What a volunteer may tell us when they say no: why they decline an offer, and why they call off
 * an agreed assignment (drop out). Codes are stored on the match; the pages show them in words.
 */

export const DECLINE_REASONS = ['no-time', 'too-far', 'not-my-thing', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const DROP_OUT_REASONS = ['ill', 'no-time', 'personal', 'other'] as const;
export type DropOutReason = (typeof DROP_OUT_REASONS)[number];

/** The free line that may go with a reason: one line, not an essay. */
export const ANSWER_NOTE_MAX_LENGTH = 300;

/** A cancellation this close to the appointment is late (it feeds reliability, see the engine). */
export const LATE_CANCELLATION_HOURS = 48;

export const isDeclineReason = (value: unknown): value is DeclineReason =>
  typeof value === 'string' && (DECLINE_REASONS as readonly string[]).includes(value);

export const isDropOutReason = (value: unknown): value is DropOutReason =>
  typeof value === 'string' && (DROP_OUT_REASONS as readonly string[]).includes(value);

/**
 * Late: less than 48 hours before the first moment help is needed (help_request.starts_at), or
 * after it (someone is waiting). Without a known start nothing is late.
 */
export function isLateCancellation(endedAt: Date, startsAt: Date | null): boolean {
  if (startsAt === null) {
    return false;
  }
  return startsAt.getTime() - endedAt.getTime() < LATE_CANCELLATION_HOURS * 3600_000;
}

/**
 * The optional note as stored: trimmed, one line, empty → null. Returns an error code when it is
 * too long, so the form and the API refuse it the same way.
 */
export function normaliseAnswerNote(
  value: unknown,
): { ok: true; note: string | null } | { ok: false; error: 'too-long' | 'not-text' } {
  if (value === undefined || value === null) {
    return { ok: true, note: null };
  }
  if (typeof value !== 'string') {
    return { ok: false, error: 'not-text' };
  }
  const note = value.replace(/\s+/g, ' ').trim();
  if (note.length > ANSWER_NOTE_MAX_LENGTH) {
    return { ok: false, error: 'too-long' };
  }
  return { ok: true, note: note === '' ? null : note };
}
