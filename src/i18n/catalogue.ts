import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The one message catalogue: every text a person reads (pages, emails, letters, validation
 * messages) is an ICU message in messages/<locale>/<namespace>.json. German is the source; a locale
 * is a folder with a locale.json, so a new language is a new folder, not code. The console and the
 * demo mailbox are for agency staff and exist in German and English only.
 */

export const MESSAGES_DIR = join(__dirname, 'messages');
export const SOURCE_LOCALE = 'de';

/** The namespaces that every locale must provide, because people outside the agency read them. */
export const PUBLIC_NAMESPACES = [
  'common',
  'public',
  'links',
  'email',
  'letters',
  'validation',
  'taxonomy',
  'host',
  'engagement',
  'placementLinks',
  'proof',
] as const;
/** Staff-only namespaces: German and English. */
export const STAFF_NAMESPACES = [
  'console',
  'mailbox',
  'staffEmail',
  'opportunities',
  'placements',
  'fit',
  'reports',
  'hours',
  'transfer',
] as const;

/** Who reads a page decides which locales it offers. */
export type Audience = 'public' | 'staff';

export interface LocaleInfo {
  /** The folder name, a BCP 47 tag ("de", "tr", "fa"). */
  locale: string;
  /** The language's name in itself, for the language switch. */
  name: string;
  dir: 'ltr' | 'rtl';
  /**
   * The locale that dates and numbers are formatted in, when it differs from the folder's: English
   * readers of a German agency get day-first British dates ("en-GB"), not American ones.
   */
  formatLocale?: string;
  /** Whether staff pages (console, mailbox) exist in this language. */
  staff: boolean;
  /** Who wrote and who checked the texts, so an agency knows what a native speaker should review. */
  review: string;
}

export type MessageTable = Record<string, string>;

interface LoadedLocale {
  info: LocaleInfo;
  /** Full key ("public.home.title") → ICU message. */
  messages: Map<string, string>;
}

function loadLocale(locale: string): LoadedLocale {
  const dir = join(MESSAGES_DIR, locale);
  const info = JSON.parse(readFileSync(join(dir, 'locale.json'), 'utf8')) as Omit<LocaleInfo, 'locale'>;
  const messages = new Map<string, string>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json') || file === 'locale.json') {
      continue;
    }
    const namespace = file.slice(0, -'.json'.length);
    const table = JSON.parse(readFileSync(join(dir, file), 'utf8')) as MessageTable;
    for (const [key, message] of Object.entries(table)) {
      messages.set(`${namespace}.${key}`, message);
    }
  }
  return { info: { ...info, locale }, messages };
}

function loadCatalogue(): Map<string, LoadedLocale> {
  const locales = readdirSync(MESSAGES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  // The source first, so the language switch lists German first; the rest in folder order.
  const ordered = [SOURCE_LOCALE, ...locales.filter((locale) => locale !== SOURCE_LOCALE).sort()];
  return new Map(ordered.map((locale) => [locale, loadLocale(locale)]));
}

/** Read once at start-up; the files ship next to the compiled code (see the build script). */
export const CATALOGUE: ReadonlyMap<string, LoadedLocale> = loadCatalogue();

export function localesFor(audience: Audience): LocaleInfo[] {
  return [...CATALOGUE.values()]
    .map((entry) => entry.info)
    .filter((info) => audience === 'public' || info.staff);
}

export function isLocale(value: unknown, audience: Audience): value is string {
  return typeof value === 'string' && localesFor(audience).some((info) => info.locale === value);
}

/** `?lang=` (or a form's hidden field) when it names a locale of this audience, else German. */
export function pickLocale(requested: unknown, audience: Audience): string {
  return isLocale(requested, audience) ? requested : SOURCE_LOCALE;
}

/**
 * The first language of an Accept-Language header this audience offers ("tr-TR,tr;q=0.9" → "tr"),
 * else German.
 */
export function negotiateLocale(acceptLanguage: string | undefined, audience: Audience): string {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { base: tag.toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1 };
    })
    .filter((entry) => entry.base && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return wanted.map((entry) => entry.base).find((base) => isLocale(base, audience)) ?? SOURCE_LOCALE;
}
