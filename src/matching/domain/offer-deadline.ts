/*
 * The answer deadline of an offer: the agency's answer time (offerResponseHours) from when the
 * offer reaches the volunteer, but never later than a lead time (offerLeadHours) before the
 * appointment, so whoever says yes can still plan, and the help-seeker still hears in time. Times
 * are instants; the lead time is elapsed hours, so across a DST change "24 h before 10:00" is 9:00
 * or 11:00 on the wall clock the day before.
 */

/** Less time than this to answer is no real chance: the request escalates to staff instead. */
export const MIN_ANSWER_MINUTES = 60;

export interface OfferDeadlineInput {
  /** When the offer reaches the volunteer (after quiet hours or with the digest). */
  sendsAt: Date;
  offerResponseHours: number;
  offerLeadHours: number;
  /** The first moment help is needed (help_request.starts_at), or null when unknown. */
  startsAt: Date | null;
  /**
   * Weekly help goes on after its first date: when the first date cannot be met the offer still
   * makes sense (from the week after), so weekly help is never too late, only its deadline capped.
   */
  recurring: boolean;
}

export type OfferDeadline =
  | { kind: 'ok'; expiresAt: Date; cappedByAppointment: boolean }
  /** No time is left to ask anyone: stop the cascade and escalate. */
  | { kind: 'too-late'; latestAnswerAt: Date };

export function offerDeadline(input: OfferDeadlineInput): OfferDeadline {
  const sends = input.sendsAt.getTime();
  const byAnswerTime = sends + input.offerResponseHours * 3600_000;
  if (input.startsAt === null || Number.isNaN(input.startsAt.getTime())) {
    return { kind: 'ok', expiresAt: new Date(byAnswerTime), cappedByAppointment: false };
  }
  const byAppointment = input.startsAt.getTime() - input.offerLeadHours * 3600_000;
  const enoughTime = byAppointment - sends >= MIN_ANSWER_MINUTES * 60_000;
  if (!enoughTime) {
    return input.recurring
      ? { kind: 'ok', expiresAt: new Date(byAnswerTime), cappedByAppointment: false }
      : { kind: 'too-late', latestAnswerAt: new Date(byAppointment) };
  }
  return byAppointment < byAnswerTime
    ? { kind: 'ok', expiresAt: new Date(byAppointment), cappedByAppointment: true }
    : { kind: 'ok', expiresAt: new Date(byAnswerTime), cappedByAppointment: false };
}
