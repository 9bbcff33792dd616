import type { Translator } from '../../i18n';
import { taxonomyLabel, type Taxonomy } from '../../taxonomy/taxonomy';
import type { Option } from './form-fields';

const GROUP = { category: 'categories', skill: 'skills', field: 'fields' } as const;

/** A taxonomy kind's entries as the options of a form field, labelled in the reader's language. */
export function taxonomyOptions(t: Translator, taxonomy: Taxonomy, kind: keyof typeof GROUP): Option[] {
  return Object.keys(taxonomy[GROUP[kind]]).map((key) => ({
    value: key,
    label: taxonomyLabel(taxonomy, GROUP[kind], key, t),
  }));
}
