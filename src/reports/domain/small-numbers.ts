/*
 * Small-number protection (docs/reports.md, "Small numbers"). A count of 1 or 2 in a cell (district ×
 * category × month can name a person) is shown as "< 3"; 0 is shown as 0. Primary suppression alone
 * is not enough: when a total is shown, the hidden cells add up to the total minus the shown ones.
 * If every hidden cell is a small one (1–2) and that sum pins them all (one hidden cell; or all of
 * them 1, or all of them 2: two hidden cells summing to 4 are both 2), the reader knows each. So,
 * for every group of cells that sums to a shown total (a column of a breakdown with its total row),
 * while its hidden cells are pinned we also hide the smallest other non-zero cell (3 or more, so the
 * sum no longer pins anything); if there is none, we hide the total. Repeat until nothing changes
 * (a hidden cell in one group can start another group's disclosure).
 */

export const SMALL_NUMBER_LIMIT = 3;

export interface ProtectedCell {
  value: number;
  /** Shown as "< 3" (primary) or hidden to protect another cell (secondary, also shown as "< 3"). */
  suppressed: boolean;
  /** Why: 'small' (1–2) or 'secondary'. */
  reason?: 'small' | 'secondary';
}

export function isSmall(value: number): boolean {
  return value > 0 && value < SMALL_NUMBER_LIMIT;
}

export function protect(value: number): ProtectedCell {
  return isSmall(value) ? { value, suppressed: true, reason: 'small' } : { value, suppressed: false };
}

/** Cells that add up to a total (the total itself may be shown or hidden). */
export interface AdditiveGroup {
  cells: ProtectedCell[];
  total: ProtectedCell;
}

/**
 * Whether the hidden cells of a group can be told from its shown total: all of them small, and
 * their sum (what total minus shown cells gives) leaves only one way to fill them.
 */
export function hiddenCellsPinned(cells: readonly ProtectedCell[]): boolean {
  const hidden = cells.filter((cell) => cell.suppressed);
  if (hidden.length === 0 || hidden.some((cell) => !isSmall(cell.value))) {
    return false;
  }
  const sum = hidden.reduce((total, cell) => total + cell.value, 0);
  return sum === hidden.length || sum === hidden.length * (SMALL_NUMBER_LIMIT - 1);
}

/** Applies secondary suppression in place; returns how many cells it hid. */
export function suppressSecondary(groups: readonly AdditiveGroup[]): number {
  let hidden = 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const group of groups) {
      if (group.total.suppressed) {
        continue;
      }
      if (!hiddenCellsPinned(group.cells)) {
        continue;
      }
      const candidates = group.cells.filter((cell) => !cell.suppressed && cell.value > 0);
      if (candidates.length > 0) {
        const smallest = candidates.reduce((a, b) => (b.value < a.value ? b : a));
        smallest.suppressed = true;
        smallest.reason = 'secondary';
      } else {
        group.total.suppressed = true;
        group.total.reason = 'secondary';
      }
      hidden += 1;
      changed = true;
    }
  }
  return hidden;
}

/**
 * A breakdown table: rows (district, category …) × additive count columns, with a total row whose
 * cells are the column sums. Protects every cell and the totals; returns the protected table.
 */
export function protectBreakdown(
  rows: readonly { key: string; values: readonly number[] }[],
  totals: readonly number[],
): { rows: { key: string; cells: ProtectedCell[] }[]; totals: ProtectedCell[] } {
  const protectedRows = rows.map((row) => ({ key: row.key, cells: row.values.map(protect) }));
  const protectedTotals = totals.map(protect);
  suppressSecondary(
    protectedTotals.map((total, column) => ({
      total,
      cells: protectedRows.map((row) => row.cells[column]),
    })),
  );
  return { rows: protectedRows, totals: protectedTotals };
}

/** How a protected cell is written in tables, charts and CSV. */
export function shownValue(cell: ProtectedCell): string {
  return cell.suppressed ? `< ${SMALL_NUMBER_LIMIT}` : String(cell.value);
}
