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

const normalise = (text: string): string => text.normalize('NFC').trim().toLocaleLowerCase('de');

/** Every way staff may type a language: the code, its German and English names, and the part in brackets ("Farsi"). */
const LANGUAGE_LOOKUP: ReadonlyMap<string, string> = (() => {
  const lookup = new Map<string, string>();
  const outerCount = new Map<string, number>();
  const withoutBrackets = (name: string): string => normalise(name.replace(/\([^)]*\)/, ''));
  for (const names of Object.values(LANGUAGE_NAMES)) {
    for (const name of new Set([names.de, names.en].map(withoutBrackets))) {
      outerCount.set(name, (outerCount.get(name) ?? 0) + 1);
    }
  }
  for (const [code, names] of Object.entries(LANGUAGE_NAMES)) {
    lookup.set(code, code);
    for (const name of [names.de, names.en]) {
      lookup.set(normalise(name), code);
      const inner = /\(([^)]+)\)/.exec(name)?.[1];
      if (inner !== undefined) {
        lookup.set(normalise(inner), code);
      }
      // "Persisch" alone means Farsi; "Kurdisch" alone could be Kurmanji or Sorani, so it means neither.
      if (outerCount.get(withoutBrackets(name)) === 1) {
        lookup.set(withoutBrackets(name), code);
      }
    }
  }
  return lookup;
})();

/**
 * The language code for what staff typed in a filter: a code ("tr", "TR"), or the name in German or
 * English in any case ("Türkisch", "turkish"). Codes outside the built-in list count when they are
 * real ISO 639 codes (Intl knows a name for them). Null when the input names no language.
 */
export function languageCodeOf(input: string): string | null {
  const typed = normalise(input);
  const known = LANGUAGE_LOOKUP.get(typed);
  if (known !== undefined) {
    return known;
  }
  if (/^[a-z]{2,3}$/.test(typed)) {
    try {
      const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(typed);
      return name !== undefined && name.toLowerCase() !== typed ? typed : null;
    } catch {
      return null;
    }
  }
  return null;
}
