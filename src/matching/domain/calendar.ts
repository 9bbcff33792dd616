/*
 * Calendar dates as plain "YYYY-MM-DD" text. ISO dates compare correctly as strings, so rules like
 * "away up to and including 30.11." or "certificate valid 5 years" need no Date arithmetic.
 */

/** The agency's calendar: a date rule turns over at midnight in Hamburg, not at midnight UTC. */
const AGENCY_TIME_ZONE = 'Europe/Berlin';

const AGENCY_DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: AGENCY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date (YYYY-MM-DD) of an instant in Europe/Berlin, whatever the process time zone.
 * Throws RangeError for an invalid Date.
 */
export function agencyDate(now: Date): string {
  // One ranking asks for the same instant once per candidate; the last answer is kept.
  const time = now.getTime();
  if (lastAgencyDate && lastAgencyDate.time === time) {
    return lastAgencyDate.date;
  }
  const date = formatAgencyDate(now);
  lastAgencyDate = { time, date };
  return date;
}

let lastAgencyDate: { time: number; date: string } | undefined;

function formatAgencyDate(now: Date): string {
  const parts = AGENCY_DATE.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * The anniversary as YYYY-MM-DD, kept as plain text so 29 February plus 5 years sorts between
 * 28 February and 1 March: a certificate inspected on a leap day still counts on 28 February, and
 * someone born on 29 February turns 18 on 1 March (§ 188 (3) BGB).
 */
export function addYears(date: string, years: number): string {
  const [year, rest] = [Number(date.slice(0, 4)), date.slice(4)];
  return `${String(year + years).padStart(4, '0')}${rest}`;
}

/** Whether someone born on `birthDate` is at least `age` years old on `today` (both YYYY-MM-DD). */
export function hasReachedAge(birthDate: string, age: number, today: string): boolean {
  return addYears(birthDate, age) <= today;
}

/** "2026-11-30" → "30.11.2026". */
export function formatDateDe(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
}
