/*
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with = + - @ (or tab/CR)
 * runs as a formula when a spreadsheet opens the file. On import such a cell is stored as plain
 * text, exactly as written (nahbar never evaluates it), and reported as a warning; every CSV that
 * nahbar writes neutralises it again with a leading apostrophe (src/shared/csv.ts).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Phone numbers like "+49 40 …" and negative-looking dates are normal; only flag real formula shapes. */
export function looksLikeFormula(value: string, field?: string): boolean {
  if (!FORMULA_START.test(value)) {
    return false;
  }
  if (field === 'phone' && /^\+[\d\s()/-]+$/.test(value)) {
    return false;
  }
  return true;
}
