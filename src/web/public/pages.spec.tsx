import { pickLocale, translator } from '../../i18n';
import { defaultAgencyProfile, type AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { DEFAULT_TAXONOMY } from '../../taxonomy/default-taxonomy';
import { renderPage } from '../shell/render';
import { emptyForm } from './form-fields';
import {
  AccessibilityPage,
  CallBackPage,
  HelpRequestPage,
  HomePage,
  ImprintPage,
  PrivacyPage,
  VolunteerPage,
} from './pages';
import { taxonomyLabel } from '../../taxonomy/taxonomy';

const agency: AgencyProfile = {
  ...defaultAgencyProfile('Freiwilligenagentur Altona'),
  phone: '040 123 456 78',
  logoUrl: '/logo.svg',
};

describe('the public pages', () => {
  it('should take the language from ?lang= and fall back to German', () => {
    expect(pickLocale('tr', 'public')).toBe('tr');
    expect(pickLocale('xx', 'public')).toBe('de');
    expect(pickLocale(['ar'], 'public')).toBe('de');
  });

  it.each([
    ['de', 'ltr'],
    ['ar', 'rtl'],
    ['fa', 'rtl'],
    ['uk', 'ltr'],
  ])('should set lang and dir for %s', (locale, dir) => {
    const html = renderPage(<HomePage t={translator(locale)} agency={agency} />);
    expect(html).toContain(`<html lang="${locale}" dir="${dir}">`);
  });

  it('should carry the agency: name and logo in the header, contact and legal links in the footer', () => {
    const html = renderPage(<HomePage t={translator('de')} agency={agency} />);
    expect(html).toContain('Freiwilligenagentur Altona');
    expect(html).toContain('src="/logo.svg"');
    expect(html).toContain('href="tel:04012345678"');
    expect(html).toContain('href="/impressum"');
    expect(html).toContain('href="/barrierefreiheit"');
    expect(html).toContain('href="#main"');
    expect(html).toContain('id="main"');
  });

  it('should link the other six languages, each named in itself', () => {
    const html = renderPage(<HomePage t={translator('de')} agency={agency} />);
    for (const [locale, name] of [
      ['en', 'English'],
      ['tr', 'Türkçe'],
      ['ar', 'العربية'],
    ]) {
      expect(html).toContain(`lang="${locale}"`);
      expect(html).toContain(name);
    }
  });

  it('should offer the phone with the number on every form', () => {
    for (const page of [
      <HelpRequestPage
        t={translator('de')}
        agency={agency}
        taxonomy={DEFAULT_TAXONOMY}
        state={emptyForm()}
      />,
      <CallBackPage t={translator('en')} agency={agency} state={emptyForm()} />,
      <VolunteerPage t={translator('tr')} agency={agency} taxonomy={DEFAULT_TAXONOMY} state={emptyForm()} />,
    ]) {
      expect(renderPage(page)).toMatch(/<a href="tel:04012345678">[^<]*040 123 456 78<\/a>/);
    }
  });

  it('should show what was typed as text, and tie each problem to its field', () => {
    const html = renderPage(
      <HelpRequestPage
        t={translator('de')}
        agency={agency}
        taxonomy={DEFAULT_TAXONOMY}
        state={{
          values: { name: '"><script>alert(1)</script>', description: '</textarea><b>x</b>' },
          problems: [{ field: 'postalCode', message: 'Bitte 5 Ziffern.' }],
        }}
      />,
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;script>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/aria-describedby="field-postalCode-hint field-postalCode-error"/);
    expect(html).toContain(
      '<a href="#field-postalCode">Postleitzahl, wo die Hilfe gebraucht wird: Bitte 5 Ziffern.</a>',
    );
  });

  it('should show the imprint, the privacy explanation and the accessibility statement from the profile', () => {
    const t = translator('de');
    expect(renderPage(<ImprintPage t={t} agency={agency} />)).toContain('§ 5 DDG');
    // The GeoNames data's licence (CC BY 4.0) asks for the credit, in every language.
    for (const locale of ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa'] as const) {
      const imprint = renderPage(<ImprintPage t={translator(locale)} agency={agency} />);
      expect(imprint).toContain('GeoNames (geonames.org)');
      expect(imprint).toContain('CC BY 4.0');
    }
    expect(renderPage(<AccessibilityPage t={t} agency={agency} />)).toContain('ohne JavaScript');
    const privacy = renderPage(
      <PrivacyPage t={t} agency={{ ...agency, privacyPolicyUrl: 'javascript:alert(1)' }} />,
    );
    expect(privacy).toContain('Wir speichern nur, was wir brauchen');
    expect(privacy).not.toContain('javascript:');
    expect(
      renderPage(
        <PrivacyPage t={t} agency={{ ...agency, privacyPolicyUrl: 'https://agentur.example/ds' }} />,
      ),
    ).toContain('href="https://agentur.example/ds"');
  });

  it('should name taxonomy entries in the reader’s language, and fall back to the agency’s own label', () => {
    expect(taxonomyLabel(DEFAULT_TAXONOMY, 'categories', 'shopping', translator('tr'))).toBe(
      'Alışveriş yardımı',
    );
    expect(taxonomyLabel(DEFAULT_TAXONOMY, 'fields', 'SEN', translator('de'))).toBe(
      'Senior:innen / Leben im Alter',
    );
    const own = { ...DEFAULT_TAXONOMY, skills: { knitting: { de: 'Stricken', en: 'Knitting' } } };
    expect(taxonomyLabel(own, 'skills', 'knitting', translator('de'))).toBe('Stricken');
    expect(taxonomyLabel(own, 'skills', 'knitting', translator('fa'))).toBe('Knitting');
  });
});
