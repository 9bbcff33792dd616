/*
 * Column mapping: which column of the file fills which field. A built-in mapping knows the column
 * names of a Freinet-Online export (assumptions documented in docs/data-transfer.md); any other
 * file is mapped by header (aliases below, German and English), and the user corrects the
 * mapping on the form before the dry run.
 */

export const IMPORT_KINDS = ['volunteers', 'providers', 'opportunities'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === 'string' && (IMPORT_KINDS as readonly string[]).includes(value);
}

export const IMPORT_FIELDS = {
  volunteers: [
    'firstName',
    'lastName',
    'name',
    'email',
    'phone',
    'postalCode',
    'birthDate',
    'interests',
    'languages',
    'certificateInspectedOn',
    'maxTravelKm',
  ],
  providers: ['name', 'contactPerson', 'email', 'phone', 'streetAddress', 'postalCode', 'fieldsOfActivity'],
  opportunities: [
    'providerName',
    'providerPostalCode',
    'title',
    'description',
    'tasks',
    'fieldsOfActivity',
    'postalCode',
    'streetAddress',
    'remote',
    'places',
    'contactName',
    'contactEmail',
    'contactPhone',
  ],
} as const satisfies Record<ImportKind, readonly string[]>;

export type ImportField<K extends ImportKind = ImportKind> = (typeof IMPORT_FIELDS)[K][number];

/** Column index → field; columns without a field are ignored. */
export type ColumnMapping = Record<number, string>;

/**
 * Header names per field, compared after `normaliseHeader`. The first names of each volunteer and
 * provider list are the Freinet-Online export's (assumed; see docs/data-transfer.md).
 */
const ALIASES: Record<ImportKind, Record<string, readonly string[]>> = {
  volunteers: {
    firstName: ['vorname', 'first name', 'firstname', 'given name'],
    lastName: ['nachname', 'name nachname', 'familienname', 'last name', 'lastname', 'surname'],
    name: ['name', 'vollständiger name', 'full name'],
    email: ['e-mail', 'email', 'e-mail-adresse', 'mail', 'e-mail privat'],
    phone: ['telefon', 'telefon privat', 'mobil', 'handy', 'telefonnummer', 'phone', 'mobile'],
    postalCode: ['plz', 'postleitzahl', 'postal code', 'zip'],
    birthDate: ['geburtsdatum', 'geb. datum', 'geboren am', 'birth date', 'date of birth'],
    interests: [
      'tätigkeitsfelder',
      'interessen',
      'engagementfelder',
      'interessensgebiete',
      'interests',
      'fields',
    ],
    languages: ['sprachen', 'sprachkenntnisse', 'fremdsprachen', 'languages'],
    certificateInspectedOn: [
      'führungszeugnis vom',
      'führungszeugnis eingesehen am',
      'erweitertes führungszeugnis vom',
      'certificate inspected on',
    ],
    maxTravelKm: ['entfernung km', 'max. entfernung', 'umkreis km', 'max travel km'],
  },
  providers: {
    name: [
      'organisation',
      'einrichtung',
      'name der organisation',
      'träger',
      'einsatzstelle',
      'name',
      'organisation name',
    ],
    contactPerson: [
      'ansprechpartner',
      'ansprechperson',
      'ansprechpartner/in',
      'kontaktperson',
      'contact person',
    ],
    email: ['e-mail', 'email', 'e-mail ansprechpartner', 'mail'],
    phone: ['telefon', 'telefonnummer', 'phone'],
    streetAddress: ['straße', 'strasse', 'straße und hausnummer', 'adresse', 'street', 'street address'],
    postalCode: ['plz', 'postleitzahl', 'postal code', 'zip'],
    fieldsOfActivity: ['tätigkeitsfelder', 'arbeitsbereiche', 'bereiche', 'fields of activity', 'fields'],
  },
  opportunities: {
    providerName: ['organisation', 'einrichtung', 'einsatzstelle', 'träger', 'provider', 'provider name'],
    providerPostalCode: ['plz organisation', 'plz einsatzstelle', 'provider postal code'],
    title: ['titel', 'bezeichnung', 'tätigkeit', 'engagement', 'title'],
    description: ['beschreibung', 'tätigkeitsbeschreibung', 'description'],
    tasks: ['aufgaben', 'tasks'],
    fieldsOfActivity: ['tätigkeitsfelder', 'bereich', 'engagementfeld', 'fields of activity', 'fields'],
    postalCode: ['plz', 'plz einsatzort', 'postleitzahl', 'postal code'],
    streetAddress: ['straße', 'strasse', 'einsatzort', 'adresse', 'street address'],
    remote: ['online', 'von zuhause', 'remote'],
    places: ['anzahl plätze', 'plätze', 'anzahl freiwillige', 'places'],
    contactName: ['ansprechpartner', 'kontaktperson', 'contact name'],
    contactEmail: ['e-mail', 'email', 'e-mail ansprechpartner', 'contact email'],
    contactPhone: ['telefon', 'telefon ansprechpartner', 'contact phone'],
  },
};

/** Lower case, trimmed, inner whitespace collapsed, "Strasse" and "Straße" alike, trailing ":" dropped. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/:$/, '')
    .replace(/ss(?=e\b)/, 'ß');
}

/**
 * The mapping the form starts with: each column whose header is a known alias gets its field;
 * a field is used at most once (the first column wins).
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const aliases = ALIASES[kind];
  const byAlias = new Map<string, string>();
  for (const [field, names] of Object.entries(aliases)) {
    for (const name of names) {
      const key = normaliseHeader(name);
      if (!byAlias.has(key)) {
        byAlias.set(key, field);
      }
    }
  }
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  headers.forEach((header, index) => {
    const field = byAlias.get(normaliseHeader(header));
    if (field && !used.has(field)) {
      mapping[index] = field;
      used.add(field);
    }
  });
  return mapping;
}

/** The Freinet-Online volunteer export's columns in its order (assumed; see docs/data-transfer.md). */
export const FREINET_VOLUNTEER_HEADERS = [
  'Anrede',
  'Vorname',
  'Nachname',
  'Straße',
  'PLZ',
  'Ort',
  'E-Mail',
  'Telefon',
  'Mobil',
  'Geburtsdatum',
  'Tätigkeitsfelder',
  'Sprachen',
  'Führungszeugnis vom',
  'Bemerkung',
] as const;

export type MappingProblem = {
  field: string;
  code: 'unknown-field' | 'duplicate-field' | 'missing-required';
};

const REQUIRED: Record<ImportKind, readonly (readonly string[])[]> = {
  // Each inner list: at least one of them mapped.
  volunteers: [['email'], ['postalCode'], ['name', 'lastName']],
  providers: [['name'], ['email'], ['postalCode'], ['streetAddress']],
  opportunities: [['providerName'], ['title']],
};

/** Checks a mapping the user submitted: known fields, each once, the required ones present. */
export function checkMapping(kind: ImportKind, mapping: ColumnMapping): MappingProblem[] {
  const known = new Set<string>(IMPORT_FIELDS[kind]);
  const problems: MappingProblem[] = [];
  const seen = new Set<string>();
  for (const field of Object.values(mapping)) {
    if (!known.has(field)) {
      problems.push({ field, code: 'unknown-field' });
    } else if (seen.has(field)) {
      problems.push({ field, code: 'duplicate-field' });
    }
    seen.add(field);
  }
  for (const group of REQUIRED[kind]) {
    if (!group.some((field) => seen.has(field))) {
      problems.push({ field: group[0], code: 'missing-required' });
    }
  }
  return problems;
}

/** The record of one row by field name (empty cells left out). */
export function applyMapping(cells: readonly string[], mapping: ColumnMapping): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [index, field] of Object.entries(mapping)) {
    const value = (cells[Number(index)] ?? '').trim();
    if (value !== '') {
      record[field] = value;
    }
  }
  return record;
}
