import type { Translator } from '../../../i18n';
import type { Taxonomy } from '../../../taxonomy/taxonomy';

/** Taxonomy labels in the page's language (German where the taxonomy has no other); unknown keys show as themselves. */
export interface Labels {
  category: (key: string) => string;
  skill: (key: string) => string;
  field: (key: string) => string;
  taxonomy: Taxonomy;
}

const inLocale = (text: Record<string, string> | undefined, t: Translator): string | undefined =>
  text ? (text[t.locale] ?? text.de) : undefined;

export function labelsFor(taxonomy: Taxonomy, t: Translator): Labels {
  const pick = (kind: keyof Taxonomy) => (key: string) =>
    inLocale(taxonomy[kind][key] as Record<string, string> | undefined, t) ?? key;
  return { category: pick('categories'), skill: pick('skills'), field: pick('fields'), taxonomy };
}

export const choicesOf = (taxonomy: Taxonomy, kind: keyof Taxonomy, t: Translator) =>
  Object.entries(taxonomy[kind]).map(([value, text]) => ({
    value,
    label: inLocale(text as Record<string, string>, t) ?? value,
  }));
