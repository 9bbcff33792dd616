/*
 * Editing a request: which fields staff may change, what changed (for the audit's before/after)
 * and whether a change can alter who is eligible (then proposals are matched again and offers
 * already sent are checked).
 */

export const EDITABLE_REQUEST_FIELDS = [
  'category',
  'description',
  'volunteerSummary',
  'neededSkills',
  'neededLanguage',
  'requiresCertificate',
  'schedule',
  'streetAddress',
  'postalCode',
  'urgency',
] as const;
export type EditableRequestField = (typeof EDITABLE_REQUEST_FIELDS)[number];

/**
 * Fields the matching engine's hard rules or candidate retrieval read. The street address, the
 * texts and the urgency do not change who fits.
 */
export const ELIGIBILITY_FIELDS: readonly EditableRequestField[] = [
  'category',
  'neededSkills',
  'neededLanguage',
  'requiresCertificate',
  'schedule',
  'postalCode',
];

export interface FieldChanges<K extends string> {
  changed: K[];
  before: Partial<Record<K, unknown>>;
  after: Partial<Record<K, unknown>>;
}

/**
 * The fields whose value differs (compared as JSON, so arrays and schedules compare by content),
 * with their old and new values. A field missing from `after` is not being changed.
 */
export function fieldChanges<K extends string>(
  before: Partial<Record<K, unknown>>,
  after: Partial<Record<K, unknown>>,
  fields: readonly K[],
): FieldChanges<K> {
  const result: FieldChanges<K> = { changed: [], before: {}, after: {} };
  for (const field of fields) {
    if (!(field in after) || after[field] === undefined) {
      continue;
    }
    if (canonical(before[field]) !== canonical(after[field])) {
      result.changed.push(field);
      result.before[field] = before[field] ?? null;
      result.after[field] = after[field] ?? null;
    }
  }
  return result;
}

export function changesEligibility(changed: readonly string[]): boolean {
  return changed.some((field) => (ELIGIBILITY_FIELDS as readonly string[]).includes(field));
}

/** JSON with object keys sorted, so {a, b} and {b, a} are the same value. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}
