import { LOCALE_FILES } from './locales';
import { pickLocale, translator } from './i18n';

describe('public pages i18n', () => {
  it('should have every German text in every other language file', () => {
    const keys = Object.keys(LOCALE_FILES.de).sort();
    for (const [locale, messages] of Object.entries(LOCALE_FILES)) {
      expect({ locale, missing: keys.filter((key) => !(key in messages)) }).toEqual({ locale, missing: [] });
    }
  });

  it('should fall back to German for an unknown language and a missing key', () => {
    expect(pickLocale('xx')).toBe('de');
    expect(pickLocale(['en'])).toBe('de');
    expect(pickLocale('en')).toBe('en');
    const partial = translator('tr', { de: { 'a.b': 'Hallo {name}' }, tr: { 'meta.dir': 'ltr' } });
    expect(partial.t('a.b', { name: 'Ayşe' })).toBe('Hallo Ayşe');
  });

  it('should read the writing direction from the file, for Arabic and Farsi', () => {
    const arabic = translator('ar', { de: {}, ar: { 'meta.dir': 'rtl', hello: 'مرحبا' } });
    expect(arabic.dir).toBe('rtl');
    expect(arabic.t('hello')).toBe('مرحبا');
    expect(translator('en').dir).toBe('ltr');
  });
});
