import { LOCALE_FILES } from './locales';

export type Messages = Record<string, string>;

export const DEFAULT_LOCALE = 'de';

export const SUPPORTED_LOCALES = Object.keys(LOCALE_FILES);

/** The page language from `?lang=` or the form's hidden field; anything unknown is German. */
export function pickLocale(requested: unknown): string {
  return typeof requested === 'string' && requested in LOCALE_FILES ? requested : DEFAULT_LOCALE;
}

export interface Translator {
  locale: string;
  dir: 'ltr' | 'rtl';
  /** The text for `key`, with `{name}` placeholders filled; German when the locale lacks it. */
  t(key: string, vars?: Record<string, string | number>): string;
}

export function translator(locale: string, files: Record<string, Messages> = LOCALE_FILES): Translator {
  const messages = files[locale] ?? files[DEFAULT_LOCALE];
  const fallback = files[DEFAULT_LOCALE] ?? {};
  return {
    locale: files[locale] ? locale : DEFAULT_LOCALE,
    dir: messages['meta.dir'] === 'rtl' ? 'rtl' : 'ltr',
    t(key, vars = {}) {
      const text = messages[key] ?? fallback[key] ?? key;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        vars[name] !== undefined ? String(vars[name]) : whole,
      );
    },
  };
}
