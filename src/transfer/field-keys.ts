/** The part of the taxonomy the import needs (TaxonomyService and DEFAULT_TAXONOMY fit it). */
export interface FieldLabels {
  fields: Record<string, { de: string; en: string }>;
}

/**
 * Field-of-activity keys by key and by lower-case German and English label, so a Freinet column
 * "Senior:innen / Leben im Alter, Kinder & Jugend" and a key list "SEN, KJ" both map.
 */
export function fieldKeysOf(taxonomy: FieldLabels): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, labels] of Object.entries(taxonomy.fields)) {
    keys.set(key, key);
    keys.set(key.toLowerCase(), key);
    keys.set(labels.de.toLowerCase(), key);
    keys.set(labels.en.toLowerCase(), key);
  }
  return keys;
}
