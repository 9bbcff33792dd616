/*
 * One mapped row → a normalised record, or the problems that keep it out. Pure: the caller passes
 * what it knows (postal codes as an in-memory map, the taxonomy's field keys and labels).
 */
import { looksLikeFormula } from './formula';
import type { ImportKind } from './mapping';

export interface RowProblem {
  row: number;
  field: string;
  code: string;
  /** The offending value, cut short; never a whole row. */
  value?: string;
}

export interface KnownLocation {
  latitude: number;
  longitude: number;
  district: string | null;
}

export interface RowContext {
  postalCodes: ReadonlyMap<string, KnownLocation>;
  /** Field-of-activity keys by key and by lower-case German/English label. */
  fieldKeys: ReadonlyMap<string, string>;
}

export interface ImportedVolunteer {
  name: string;
  email: string;
  phone: string | null;
  postalCode: string;
  location: KnownLocation;
  birthDate: string | null;
  interests: string[];
  languageCodes: string[];
  certificateInspectedOn: string | null;
  maxTravelKm: number;
}

export interface ImportedProvider {
  name: string;
  contactPerson: string;
  email: string;
  phone: string | null;
  streetAddress: string;
  postalCode: string;
  location: KnownLocation;
  fieldsOfActivity: string[];
}

export interface ImportedOpportunity {
  providerName: string;
  providerPostalCode: string | null;
  title: string;
  description: string;
  tasks: string | null;
  fieldsOfActivity: string[];
  postalCode: string | null;
  location: KnownLocation | null;
  streetAddress: string | null;
  remote: boolean;
  places: number;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

export type CheckedRow<T> =
  { ok: true; value: T; warnings: RowProblem[] } | { ok: false; problems: RowProblem[] };

// Same shape the rest of nahbar accepts: something@domain.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const POSTAL_CODE = /^\d{5}$/;
const MAX_TEXT = 2000;

/** German language names (and ISO codes) as Freinet and spreadsheets write them → ISO 639 codes. */
const LANGUAGE_NAMES: Record<string, string> = {
  deutsch: 'de',
  englisch: 'en',
  französisch: 'fr',
  spanisch: 'es',
  italienisch: 'it',
  türkisch: 'tr',
  arabisch: 'ar',
  russisch: 'ru',
  ukrainisch: 'uk',
  polnisch: 'pl',
  persisch: 'fa',
  farsi: 'fa',
  dari: 'prs',
  kurdisch: 'kmr',
  kurmanji: 'kmr',
  sorani: 'ckb',
  portugiesisch: 'pt',
  griechisch: 'el',
  serbisch: 'sr',
  kroatisch: 'hr',
  bosnisch: 'bs',
  rumänisch: 'ro',
  bulgarisch: 'bg',
  albanisch: 'sq',
  tigrinya: 'ti',
  somali: 'so',
  paschtu: 'ps',
  urdu: 'ur',
  hindi: 'hi',
  vietnamesisch: 'vi',
  chinesisch: 'zh',
  gebärdensprache: 'gsg',
  english: 'en',
  german: 'de',
  french: 'fr',
  turkish: 'tr',
  arabic: 'ar',
  russian: 'ru',
  ukrainian: 'uk',
  polish: 'pl',
  persian: 'fa',
};

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,;|/\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** dd.mm.yyyy (German), d.m.yy is refused (ambiguous century), yyyy-mm-dd (ISO); null when not a real date. */
export function parseDate(value: string): string | null {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = german
    ? [Number(german[3]), Number(german[2]), Number(german[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(year) || year < 1900 || year > 2100) {
    return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

class RowChecker {
  readonly problems: RowProblem[] = [];
  readonly warnings: RowProblem[] = [];

  constructor(
    readonly row: number,
    readonly record: Readonly<Record<string, string>>,
  ) {
    for (const [field, value] of Object.entries(record)) {
      if (looksLikeFormula(value, field)) {
        // Stored as text, exactly as written; neutralised again on every CSV export.
        this.warnings.push({ row, field, code: 'formula-stored-as-text', value: value.slice(0, 40) });
      }
    }
  }

  problem(field: string, code: string, value?: string): void {
    this.problems.push({
      row: this.row,
      field,
      code,
      ...(value !== undefined ? { value: value.slice(0, 40) } : {}),
    });
  }

  text(field: string, required: boolean): string | null {
    const value = this.record[field]?.trim() ?? '';
    if (value === '') {
      if (required) {
        this.problem(field, 'required');
      }
      return null;
    }
    if (value.length > MAX_TEXT) {
      this.problem(field, 'too-long');
      return null;
    }
    return value;
  }

  email(field: string, required: boolean): string | null {
    const value = this.text(field, required);
    if (value === null) {
      return null;
    }
    const email = value.toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) {
      this.problem(field, 'invalid-email', value);
      return null;
    }
    return email;
  }

  postalCode(
    field: string,
    context: RowContext,
    required: boolean,
  ): { code: string; location: KnownLocation } | null {
    const value = this.text(field, required);
    if (value === null) {
      return null;
    }
    if (!POSTAL_CODE.test(value)) {
      this.problem(field, 'invalid-postal-code', value);
      return null;
    }
    const location = context.postalCodes.get(value);
    if (!location) {
      // Never guessed: the row is kept aside and reported.
      this.problem(field, 'unknown-postal-code', value);
      return null;
    }
    return { code: value, location };
  }

  date(field: string): string | null {
    const value = this.text(field, false);
    if (value === null) {
      return null;
    }
    const date = parseDate(value);
    if (date === null) {
      this.problem(field, 'invalid-date', value);
    }
    return date;
  }

  fields(field: string, context: RowContext): string[] {
    const keys: string[] = [];
    const lookup = (text: string): string | undefined =>
      context.fieldKeys.get(text) ?? context.fieldKeys.get(text.toLowerCase());
    // Lists are split on ; | and line breaks, then on commas, joining parts again where a label
    // itself has commas ("Umwelt, Natur, Klima & Tierschutz").
    for (const piece of (this.record[field] ?? '').split(/[;|\n]/)) {
      const parts = piece.split(',').map((part) => part.trim());
      let i = 0;
      while (i < parts.length) {
        let matched = false;
        for (let j = parts.length; j > i; j--) {
          const key = lookup(parts.slice(i, j).join(', '));
          if (key) {
            keys.push(key);
            i = j;
            matched = true;
            break;
          }
        }
        if (!matched) {
          if (parts[i] !== '') {
            // An unknown field of activity does not reject the person; it is reported and left out.
            this.warnings.push({
              row: this.row,
              field,
              code: 'unknown-field-of-activity',
              value: parts[i].slice(0, 40),
            });
          }
          i++;
        }
      }
    }
    return [...new Set(keys)];
  }

  languages(field: string): string[] {
    const codes: string[] = [];
    for (const item of listOf(this.record[field])) {
      const name = item.toLowerCase().replace(/\s*\(.*\)$/, '');
      const code = LANGUAGE_NAMES[name] ?? (/^[a-z]{2,3}$/.test(name) ? name : undefined);
      if (code) {
        codes.push(code);
      } else {
        this.warnings.push({ row: this.row, field, code: 'unknown-language', value: item.slice(0, 40) });
      }
    }
    return [...new Set(codes)];
  }

  integer(field: string, min: number, max: number, fallback: number): number {
    const value = this.text(field, false);
    if (value === null) {
      return fallback;
    }
    const number = Number(value.replace(',', '.'));
    if (!Number.isFinite(number) || number < min || number > max) {
      this.problem(field, 'out-of-range', value);
      return fallback;
    }
    return Math.round(number);
  }

  boolean(field: string): boolean {
    const value = (this.text(field, false) ?? '').toLowerCase();
    if (value === '') {
      return false;
    }
    if (['ja', 'j', 'x', 'yes', 'y', 'true', '1', 'wahr'].includes(value)) {
      return true;
    }
    if (['nein', 'n', 'no', 'false', '0', 'falsch'].includes(value)) {
      return false;
    }
    this.problem(field, 'invalid-boolean', value);
    return false;
  }

  result<T>(value: T): CheckedRow<T> {
    return this.problems.length > 0
      ? { ok: false, problems: this.problems }
      : { ok: true, value, warnings: this.warnings };
  }
}

export function checkVolunteerRow(
  row: number,
  record: Record<string, string>,
  context: RowContext,
): CheckedRow<ImportedVolunteer> {
  const check = new RowChecker(row, record);
  const first = check.text('firstName', false);
  const last = check.text('lastName', false);
  const full = check.text('name', false);
  const name = full ?? [first, last].filter((part) => part !== null).join(' ');
  if (name === '') {
    check.problem('name', 'required');
  }
  const email = check.email('email', true);
  const place = check.postalCode('postalCode', context, true);
  const value: ImportedVolunteer = {
    name,
    email: email ?? '',
    phone: check.text('phone', false),
    postalCode: place?.code ?? '',
    location: place?.location ?? { latitude: 0, longitude: 0, district: null },
    birthDate: check.date('birthDate'),
    interests: check.fields('interests', context),
    languageCodes: check.languages('languages'),
    certificateInspectedOn: check.date('certificateInspectedOn'),
    maxTravelKm: check.integer('maxTravelKm', 1, 200, 5),
  };
  return check.result(value);
}

export function checkProviderRow(
  row: number,
  record: Record<string, string>,
  context: RowContext,
): CheckedRow<ImportedProvider> {
  const check = new RowChecker(row, record);
  const name = check.text('name', true);
  const email = check.email('email', true);
  const street = check.text('streetAddress', true);
  const place = check.postalCode('postalCode', context, true);
  const value: ImportedProvider = {
    name: name ?? '',
    contactPerson: check.text('contactPerson', false) ?? name ?? '',
    email: email ?? '',
    phone: check.text('phone', false),
    streetAddress: street ?? '',
    postalCode: place?.code ?? '',
    location: place?.location ?? { latitude: 0, longitude: 0, district: null },
    fieldsOfActivity: check.fields('fieldsOfActivity', context),
  };
  return check.result(value);
}

/**
 * MERGE NOTE (lead): opportunities are normalised here, not through OpportunitiesService (another
 * branch); switch this to the shared opportunity validator at merge.
 */
export function checkOpportunityRow(
  row: number,
  record: Record<string, string>,
  context: RowContext,
): CheckedRow<ImportedOpportunity> {
  const check = new RowChecker(row, record);
  const remote = check.boolean('remote');
  const place = check.postalCode('postalCode', context, false);
  const providerPostal = check.text('providerPostalCode', false);
  const title = check.text('title', true);
  const value: ImportedOpportunity = {
    providerName: check.text('providerName', true) ?? '',
    providerPostalCode: providerPostal,
    title: title ?? '',
    description: check.text('description', false) ?? title ?? '',
    tasks: check.text('tasks', false),
    fieldsOfActivity: check.fields('fieldsOfActivity', context),
    postalCode: place?.code ?? null,
    location: place?.location ?? null,
    streetAddress: check.text('streetAddress', false),
    remote,
    places: check.integer('places', 1, 1000, 1),
    contactName: check.text('contactName', false),
    contactEmail: check.email('contactEmail', false),
    contactPhone: check.text('contactPhone', false),
  };
  return check.result(value);
}

/** The duplicate key of a checked row (see docs/data-transfer.md, "No duplicates"). */
export function volunteerKeys(volunteer: Pick<ImportedVolunteer, 'email' | 'name' | 'postalCode'>): {
  email: string;
  namePostal: string;
} {
  return { email: volunteer.email, namePostal: namePostalKey(volunteer.name, volunteer.postalCode) };
}

export function namePostalKey(name: string, postalCode: string): string {
  return `${name.trim().toLowerCase().replace(/\s+/g, ' ')}|${postalCode}`;
}

export const ROW_CHECKERS = {
  volunteers: checkVolunteerRow,
  providers: checkProviderRow,
  opportunities: checkOpportunityRow,
} satisfies Record<ImportKind, unknown>;
