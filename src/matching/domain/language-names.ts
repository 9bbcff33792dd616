import type { LocalizedText } from '../../shared/localized-text';

/** Names of the languages agencies ask for most; German names fit "spricht kein …". */
const LANGUAGE_NAMES: Readonly<Record<string, LocalizedText>> = {
  de: { de: 'Deutsch', en: 'German' },
  en: { de: 'Englisch', en: 'English' },
  tr: { de: 'Türkisch', en: 'Turkish' },
  ar: { de: 'Arabisch', en: 'Arabic' },
  uk: { de: 'Ukrainisch', en: 'Ukrainian' },
  ru: { de: 'Russisch', en: 'Russian' },
  fa: { de: 'Persisch (Farsi)', en: 'Persian (Farsi)' },
  prs: { de: 'Dari', en: 'Dari' },
  kmr: { de: 'Kurdisch (Kurmandschi)', en: 'Kurdish (Kurmanji)' },
  ckb: { de: 'Kurdisch (Sorani)', en: 'Kurdish (Sorani)' },
  pl: { de: 'Polnisch', en: 'Polish' },
  ro: { de: 'Rumänisch', en: 'Romanian' },
  bg: { de: 'Bulgarisch', en: 'Bulgarian' },
  ti: { de: 'Tigrinya', en: 'Tigrinya' },
  fr: { de: 'Französisch', en: 'French' },
  es: { de: 'Spanisch', en: 'Spanish' },
  it: { de: 'Italienisch', en: 'Italian' },
  sq: { de: 'Albanisch', en: 'Albanian' },
  sr: { de: 'Serbisch', en: 'Serbian' },
  hr: { de: 'Kroatisch', en: 'Croatian' },
  bs: { de: 'Bosnisch', en: 'Bosnian' },
  ps: { de: 'Paschto', en: 'Pashto' },
  so: { de: 'Somali', en: 'Somali' },
};

/** The language's name, or null for a code not in the built-in list. */
export function languageName(code: string): LocalizedText | null {
  return Object.hasOwn(LANGUAGE_NAMES, code) ? LANGUAGE_NAMES[code] : null;
}
