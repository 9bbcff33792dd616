/*
 * Calendar dates as plain "YYYY-MM-DD" text. ISO dates compare correctly as strings, so rules like
 * "away up to and including 30.11." or "certificate valid 5 years" need no Date arithmetic. The
 * Berlin date of an instant ("today") comes from src/shared/berlin-time.
 */

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
