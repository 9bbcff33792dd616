/*
 * Typed message keys, derived from the German source files: a key that German lacks does not
 * compile. A new namespace is a new JSON file in messages/de and one line here.
 */
interface SourceCatalogue {
  common: typeof import('./messages/de/common.json');
  public: typeof import('./messages/de/public.json');
  taxonomy: typeof import('./messages/de/taxonomy.json');
  validation: typeof import('./messages/de/validation.json');
  email: typeof import('./messages/de/email.json');
  staffEmail: typeof import('./messages/de/staffEmail.json');
  links: typeof import('./messages/de/links.json');
  letters: typeof import('./messages/de/letters.json');
  console: typeof import('./messages/de/console.json');
  mailbox: typeof import('./messages/de/mailbox.json');
  opportunities: typeof import('./messages/de/opportunities.json');
  placements: typeof import('./messages/de/placements.json');
  fit: typeof import('./messages/de/fit.json');
  reports: typeof import('./messages/de/reports.json');
  hours: typeof import('./messages/de/hours.json');
  transfer: typeof import('./messages/de/transfer.json');
  host: typeof import('./messages/de/host.json');
  engagement: typeof import('./messages/de/engagement.json');
  placementLinks: typeof import('./messages/de/placementLinks.json');
  proof: typeof import('./messages/de/proof.json');
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
  'taxonomy.',
  'links.languageName.',
  'links.matches.status.',
  'console.code.',
  'console.criterion.',
  'console.timeline.audit.',
  // The host page's status, stage, button and reason labels (src/web/host).
  'host.status.',
  'host.stage.',
  'host.move.',
  'host.decline.',
  // CSV import: kinds, statuses, field names and report codes (src/web/console/import).
  'transfer.kind.',
  'transfer.status.',
  'transfer.fieldName.',
  'transfer.problem.',
];
