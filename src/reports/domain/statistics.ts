/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest value such that at
 * least p % of the values are ≤ it. Always one of the values, so it never invents a duration.
 * Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) {
    return null;
  }
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`percentile ${p} outside (0, 100]`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

/** Median by nearest rank (the lower middle for an even count, so it is a real case's value). */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** Age in whole years on `onDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export const AGE_BANDS = ['under-18', '18-29', '30-49', '50-69', '70-plus', 'not-given'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandOf(birthDate: string | null, onDate: string): AgeBand {
  if (birthDate === null) {
    return 'not-given';
  }
  const age = ageOn(birthDate, onDate);
  if (age < 18) {
    return 'under-18';
  }
  if (age < 30) {
    return '18-29';
  }
  if (age < 50) {
    return '30-49';
  }
  if (age < 70) {
    return '50-69';
  }
  return '70-plus';
}
