import { de, type MessageKey, type Messages } from './de';
import { en } from './en';

/** One table per language; a new language is one more file with the same keys, listed here. */
const TABLES = { de, en } satisfies Record<string, Messages>;

export type ConsoleLang = keyof typeof TABLES;
export const CONSOLE_LANGS = Object.keys(TABLES) as ConsoleLang[];
export const DEFAULT_LANG: ConsoleLang = 'de';
export const LANG_COOKIE = 'nahbar_lang';

export type Translate = (key: MessageKey) => string;
export type { MessageKey };

export function isConsoleLang(value: unknown): value is ConsoleLang {
  return typeof value === 'string' && (CONSOLE_LANGS as string[]).includes(value);
}

export function translator(lang: ConsoleLang): Translate {
  const table: Messages = TABLES[lang];
  return (key) => table[key];
}

/** `?lang=` wins (and is remembered in a cookie by the caller), then the cookie, then German. */
export function resolveLang(query: unknown, cookie: unknown): { lang: ConsoleLang; remember: boolean } {
  if (isConsoleLang(query)) {
    return { lang: query, remember: true };
  }
  return { lang: isConsoleLang(cookie) ? cookie : DEFAULT_LANG, remember: false };
}

/** A stored code (status, source, role …) in words; an unknown code is shown as it is. */
export function codeLabel(t: Translate, code: string): string {
  const key = `code.${code}` as MessageKey;
  const text = t(key) as string | undefined;
  return text ?? code;
}
