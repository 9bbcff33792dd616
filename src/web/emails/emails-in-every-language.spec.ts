import { localesFor } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { emailAudience, renderEmail, type EmailKind, type EmailModels } from './render-email';
import { SAMPLE_AGENCY, SAMPLE_MODELS } from './samples';

const KINDS = Object.keys(SAMPLE_MODELS) as EmailKind[];
const CASES = KINDS.flatMap((kind) =>
  localesFor(emailAudience(kind)).map((info) => [kind, info.locale, info.dir] as const),
);
const render = <K extends EmailKind>(kind: K, locale: string, model: EmailModels[K]) =>
  renderEmail(kind, locale, model);

/** A catalogue key left in the output means a text is missing. */
const RAW_KEY = /(?:^|[^\w@./-])(?:email|staffEmail|common)\.[a-z][\w.]*[a-z]/;

describe('every email in every language', () => {
  it.each(CASES)('should write %s in %s without a missing text', (kind, locale) => {
    const email = render(kind, locale, SAMPLE_MODELS[kind]);
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toMatch(RAW_KEY);
    }
    expect(email.html).toContain(`<html lang="${locale}"`);
  });

  it.each(CASES)('should run %s in %s in the direction of its script', (kind, locale, dir) => {
    const email = render(kind, locale, SAMPLE_MODELS[kind]);
    expect(email.html).toMatch(new RegExp(`<html lang="${locale}" dir="${dir}">`));
    if (locale === 'ar' || locale === 'fa') {
      expect(email.html).toContain('dir="rtl"');
    }
  });

  it('should write Arabic and Farsi emails right to left', () => {
    for (const locale of ['ar', 'fa']) {
      expect(render('volunteer-offer', locale, SAMPLE_MODELS['volunteer-offer']).html).toMatch(
        new RegExp(`<html lang="${locale}" dir="rtl">`),
      );
    }
  });

  it.each(CASES)("should give the agency's address and phone in the footer of %s in %s", (kind, locale) => {
    const email = render(kind, locale, SAMPLE_MODELS[kind]);
    const footerHtml = email.html.slice(email.html.indexOf('<address'));
    const footerText = email.text.slice(email.text.indexOf('\n-- \n'));
    for (const footer of [footerHtml, footerText]) {
      expect(footer).toContain(SAMPLE_AGENCY.phone);
      expect(footer).toContain(SAMPLE_AGENCY.street);
      expect(footer).toContain(`${SAMPLE_AGENCY.postalCode} ${SAMPLE_AGENCY.city}`);
      expect(footer).toContain(SAMPLE_AGENCY.email);
    }
    expect(footerHtml).toContain('href="tel:04098765432"');
  });

  it('should write dates, times and counts in the reader’s format', () => {
    const digest = render('staff-daily-digest', 'en', SAMPLE_MODELS['staff-daily-digest']);
    expect(digest.subject).toBe('Daily summary Sat, 21/11/2026: 6 open items');
    expect(render('volunteer-offer-digest', 'ru', SAMPLE_MODELS['volunteer-offer-digest']).subject).toBe(
      'Ваши 2 запроса дня',
    );
  });
});

const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)'];

/** Every free-text field of a model (names, descriptions, district, contact) set to a payload. */
function hostile<K extends EmailKind>(kind: K, payload: string): EmailModels[K] {
  const agency: AgencyProfile = {
    ...SAMPLE_AGENCY,
    name: payload,
    street: payload,
    postalCode: payload,
    city: payload,
    phone: payload,
    email: payload,
    openingHours: payload,
  };
  const poison = (value: unknown, key: string): unknown => {
    if (key.endsWith('Url') || key === 'url' || key === 'day') {
      return value;
    }
    if (typeof value === 'string') {
      return payload;
    }
    if (Array.isArray(value)) {
      return value.map((item: unknown) =>
        item && typeof item === 'object' ? poisonAll(item as Record<string, unknown>) : item,
      );
    }
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return poisonAll(value as Record<string, unknown>);
    }
    return value;
  };
  const poisonAll = (object: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(object).map(([key, value]) => [key, poison(value, key)]));
  const model = poisonAll({ ...(SAMPLE_MODELS[kind] as unknown as Record<string, unknown>) });
  return { ...model, agency } as unknown as EmailModels[K];
}

describe('hostile text in an email', () => {
  const cases = KINDS.flatMap((kind) =>
    PAYLOADS.flatMap((payload) => ['de', 'ar'].map((locale) => [kind, payload, locale] as const)),
  );

  it.each(cases)('should escape it in %s (%s, %s)', (kind, payload, locale) => {
    const email = render(kind, locale, hostile(kind, payload));
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).not.toMatch(/<img/i);
    expect(email.html).not.toMatch(/href="\s*javascript:/i);
    // The payload's words may be visible, but never as an attribute of a tag.
    expect(email.html).not.toMatch(/<[^>]*\sonerror=/i);
    // The text part is plain text: the words arrive as written.
    expect(email.text).toContain(payload);
  });

  it('should show a hostile description as text', () => {
    const email = render('volunteer-offer', 'de', {
      ...SAMPLE_MODELS['volunteer-offer'],
      description: '<script>alert(1)</script>',
    });
    expect(email.html).toContain('&lt;script>alert(1)&lt;/script>');
  });
});
