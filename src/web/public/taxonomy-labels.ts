import type { Translator } from '../../i18n';
import type { Taxonomy } from '../../taxonomy/taxonomy';
import type { Option } from './form-fields';

type Kind = 'category' | 'skill' | 'field';
const GROUP = { category: 'categories', skill: 'skills', field: 'fields' } as const;

/**
 * A taxonomy entry's label in the reader's language: the catalogue's words for the key, else the
 * agency's own label (an agency's taxonomy file may have keys the catalogue does not know).
 */
export function taxonomyLabel(t: Translator, taxonomy: Taxonomy, kind: Kind, key: string): string {
  const entry = taxonomy[GROUP[kind]][key] as { de: string; en: string } | undefined;
  const own = entry ? (t.locale === 'de' ? entry.de : entry.en) : key;
  return t.dynamic(`taxonomy.${kind}.${key}`) ?? own;
}

export function taxonomyOptions(t: Translator, taxonomy: Taxonomy, kind: Kind): Option[] {
  return Object.keys(taxonomy[GROUP[kind]]).map((key) => ({
    value: key,
    label: taxonomyLabel(t, taxonomy, kind, key),
  }));
}
