/*
 * Retention periods (GDPR Art. 5(1)(e)): how long closed cases, inactive volunteers and audit
 * details are kept. Pure: the job turns them into cut-off instants.
 */

export interface RetentionSettings {
  /** A help-seeker whose cases are all closed is anonymised this many months after the last closing. */
  closedCaseMonths: number;
  /** A volunteer without login, answer or assignment for this long is asked whether to stay. */
  volunteerInactiveMonths: number;
  /** Days the volunteer has to answer before being anonymised. */
  volunteerAnswerDays: number;
  /** Audit entries keep their before/after details this long; the entry itself stays. */
  auditDetailMonths: number;
}

export const RETENTION_SETTINGS_KEY = 'retention';

export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = {
  closedCaseMonths: 24,
  volunteerInactiveMonths: 24,
  volunteerAnswerDays: 30,
  auditDetailMonths: 36,
};

/** What one run did, as counts only (no names, no ids): logged and stored in retention_run. */
export interface RetentionCounts {
  helpSeekersAnonymised: number;
  /** Due, but an open call task still needs the phone number: tried again on the next run. */
  helpSeekersDeferred: number;
  volunteersAsked: number;
  volunteersAnonymised: number;
  auditEntriesStripped: number;
}

export const NO_COUNTS: RetentionCounts = {
  helpSeekersAnonymised: 0,
  helpSeekersDeferred: 0,
  volunteersAsked: 0,
  volunteersAnonymised: 0,
  auditEntriesStripped: 0,
};

/**
 * The instant `months` calendar months before `now` (UTC calendar; a day that the target month
 * lacks, such as 31 February, falls back to that month's last day).
 */
export function monthsBefore(now: Date, months: number): Date {
  const target = new Date(now.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

export interface RetentionCutoffs {
  /** Cases closed before this are due. */
  closedCasesBefore: Date;
  /** Volunteers last active before this are asked. */
  volunteersInactiveBefore: Date;
  /** Volunteers asked before this without an answer are anonymised. */
  askedBefore: Date;
  /** Audit entries written before this lose their details. */
  auditDetailsBefore: Date;
}

export function retentionCutoffs(now: Date, settings: RetentionSettings): RetentionCutoffs {
  return {
    closedCasesBefore: monthsBefore(now, settings.closedCaseMonths),
    volunteersInactiveBefore: monthsBefore(now, settings.volunteerInactiveMonths),
    askedBefore: daysBefore(now, settings.volunteerAnswerDays),
    auditDetailsBefore: monthsBefore(now, settings.auditDetailMonths),
  };
}
