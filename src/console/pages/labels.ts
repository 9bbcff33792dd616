import type { Taxonomy } from '../../taxonomy/taxonomy';
import type { ConsoleLang } from '../i18n';

/** Taxonomy labels in the page's language; unknown keys show as themselves. */
export interface Labels {
  category: (key: string) => string;
  skill: (key: string) => string;
  field: (key: string) => string;
  taxonomy: Taxonomy;
}

export function labelsFor(taxonomy: Taxonomy, lang: ConsoleLang): Labels {
  const pick = (kind: keyof Taxonomy) => (key: string) => taxonomy[kind][key]?.[lang] ?? key;
  return { category: pick('categories'), skill: pick('skills'), field: pick('fields'), taxonomy };
}

export const choicesOf = (taxonomy: Taxonomy, kind: keyof Taxonomy, lang: ConsoleLang) =>
  Object.entries(taxonomy[kind]).map(([value, text]) => ({ value, label: text[lang] }));
