/*
 * Typed message keys, derived from the German source files: a key that German lacks does not
 * compile. A new namespace is a new JSON file in messages/de and one line here.
 */
interface SourceCatalogue {
  common: typeof import('./messages/de/common.json');
  validation: typeof import('./messages/de/validation.json');
  console: typeof import('./messages/de/console.json');
  mailbox: typeof import('./messages/de/mailbox.json');
}

export type MessageKey = {
  [Namespace in keyof SourceCatalogue]: `${Namespace}.${Extract<keyof SourceCatalogue[Namespace], string>}`;
}[keyof SourceCatalogue];

/**
 * Prefixes of keys that code builds at run time (`t.dynamic(\`taxonomy.category.${key}\`)`): the
 * unused-key check counts every key under them as used.
 */
export const DYNAMIC_KEY_PREFIXES: readonly string[] = [
  'validation.',
  'console.code.',
  'console.criterion.',
  'console.timeline.audit.',
];
