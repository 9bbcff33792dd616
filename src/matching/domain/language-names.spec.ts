import { languageCodeOf, languageName } from './language-names';

describe('languageCodeOf', () => {
  it.each([
    ['Türkisch', 'tr'],
    ['Turkish', 'tr'],
    ['türkisch', 'tr'],
    ['  TÜRKISCH ', 'tr'],
    ['tr', 'tr'],
    ['TR', 'tr'],
    ['Englisch', 'en'],
    ['english', 'en'],
    ['Farsi', 'fa'],
    ['Persisch', 'fa'],
    ['Persian (Farsi)', 'fa'],
    ['Kurmanji', 'kmr'],
    ['sorani', 'ckb'],
    ['Ukrainisch', 'uk'],
    // a real ISO code outside the built-in list
    ['nl', 'nl'],
  ])('should read %j as %s', (typed, code) => {
    expect(languageCodeOf(typed)).toBe(code);
  });

  it.each(['Klingonisch', 'xx', 'qqq', '', 'Kurdisch', 'tü'])(
    'should not guess a language for %j',
    (typed) => {
      expect(languageCodeOf(typed)).toBeNull();
    },
  );

  it('should keep the names for codes', () => {
    expect(languageName('tr')).toEqual({ de: 'Türkisch', en: 'Turkish' });
  });
});
