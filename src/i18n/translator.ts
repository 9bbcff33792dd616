import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { CATALOGUE, SOURCE_LOCALE, type Audience, pickLocale } from './catalogue';
import type { MessageKey } from './message-keys';

export type MessageValues = Record<string, PrimitiveType | Date>;

/** What a view needs to speak the reader's language. */
export interface Translator {
  readonly locale: string;
  /** For `<html lang>`: the locale tag. */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** A catalogue message, formatted (plurals, numbers, dates) for this locale. */
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * A message whose key is only known at run time (a taxonomy label, a status code); `undefined`
   * when the catalogue has none, so the caller decides what to show. The key's prefix must be
   * listed in DYNAMIC_KEY_PREFIXES (message-keys.ts).
   */
  dynamic(key: string, values?: MessageValues): string | undefined;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** Dates and times are always shown in the agency's time zone. */
  date(value: Date, options?: Intl.DateTimeFormatOptions): string;
  list(values: string[]): string;
}

/** The agency's time zone: every date a person reads is a Berlin date. */
const AGENCY_TIME_ZONE = 'Europe/Berlin';

const compiled = new Map<string, IntlMessageFormat>();

function format(locale: string, key: string, values: MessageValues | undefined): string | undefined {
  const cacheKey = `${locale}\u0000${key}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    const source =
      CATALOGUE.get(locale)?.messages.get(key) ?? CATALOGUE.get(SOURCE_LOCALE)?.messages.get(key);
    if (source === undefined) {
      return undefined;
    }
    // ignoreTag: "<" in a message is text, never markup.
    message = new IntlMessageFormat(source, CATALOGUE.get(locale)?.info.formatLocale ?? locale, undefined, {
      ignoreTag: true,
    });
    compiled.set(cacheKey, message);
  }
  return String(message.format(values));
}

const translators = new Map<string, Translator>();

/** The translator for a locale of an audience (an unknown locale gets German). */
export function translator(requested: unknown, audience: Audience = 'public'): Translator {
  const locale = pickLocale(requested, audience);
  const cached = translators.get(locale);
  if (cached) {
    return cached;
  }
  const info = CATALOGUE.get(locale)!.info;
  const formatLocale = info.formatLocale ?? locale;
  // Building an Intl formatter costs far more than using one: one per set of options, kept.
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const dateFormats = new Map<string, Intl.DateTimeFormat>();
  const listFormat = new Intl.ListFormat(formatLocale, { style: 'long', type: 'conjunction' });
  const created: Translator = {
    locale,
    lang: locale,
    dir: info.dir,
    t: (key, values) => format(locale, key, values) ?? key,
    dynamic: (key, values) => format(locale, key, values),
    number(value, options) {
      const cacheKey = JSON.stringify(options ?? {});
      let formatter = numberFormats.get(cacheKey);
      if (!formatter) {
        formatter = new Intl.NumberFormat(formatLocale, options);
        numberFormats.set(cacheKey, formatter);
      }
      return formatter.format(value);
    },
    date(value, options) {
      const cacheKey = JSON.stringify(options ?? {});
      let formatter = dateFormats.get(cacheKey);
      if (!formatter) {
        formatter = new Intl.DateTimeFormat(formatLocale, { timeZone: AGENCY_TIME_ZONE, ...options });
        dateFormats.set(cacheKey, formatter);
      }
      return formatter.format(value);
    },
    list: (values) => listFormat.format(values),
  };
  translators.set(locale, created);
  return created;
}
