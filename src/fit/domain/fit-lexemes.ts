/**
 * The lexeme form of a text-array column, exactly as indexed by migration 1795630000000
 * (`volunteer_active_near_lexemes_gist`, `opportunity_published_near_fields_gist`): the planner
 * only uses those indexes for this very expression.
 */
export const lexemes = (column: string): string =>
  `array_to_tsvector(array_remove(array_remove(${column}, NULL), ''))`;

/**
 * A tsquery matching any of `values` (the `&&` of the array column); null when none is usable,
 * which callers treat like an empty array (nothing overlaps it).
 */
export function anyOfQuery(values: readonly string[]): string | null {
  const usable = [...new Set(values.filter((value) => typeof value === 'string' && value !== ''))];
  if (usable.length === 0) {
    return null;
  }
  return usable.map((value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}
