import de from './de.json';
import en from './en.json';

/*
 * One text file per language. To add one (e.g. Turkish): copy en.json to tr.json, translate the
 * values, set "meta.dir" ("rtl" for Arabic or Farsi), and add it here. A missing key falls back to
 * German, so a partial translation never breaks a page.
 */
export const LOCALE_FILES: Record<string, Record<string, string>> = { de, en };
