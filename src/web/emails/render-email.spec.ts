import { localesFor, translator } from '../../i18n';
import {
  emailAudience,
  renderEmail,
  type EmailKind,
  type EmailModels,
  type StaffOfferResponseModel,
  type VolunteerConfirmationModel,
  type VolunteerOfferModel,
} from './render-email';
import { SAMPLE_AGENCY, SAMPLE_MODELS } from './samples';

/** How a URL reads inside an href attribute. */
const attr = (url: string): string => url.replace(/&/g, '&amp;');

const offer: VolunteerOfferModel = SAMPLE_MODELS['volunteer-offer'];
const confirmation: VolunteerConfirmationModel = SAMPLE_MODELS['volunteer-confirmation'];
const staff: StaffOfferResponseModel = SAMPLE_MODELS['staff-offer-accepted'];
const MODELS: EmailModels = SAMPLE_MODELS;

const CASES = (Object.keys(MODELS) as EmailKind[]).flatMap((kind) =>
  localesFor(emailAudience(kind)).map((info) => [kind, info.locale] as const),
);

/** Visible text of the HTML part, for comparing it with the text part. */
function visibleText(html: string): string {
  return html
    .replace(/<title>[\s\S]*?<\/title>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

describe('renderEmail', () => {
  it.each(CASES)('renders %s in %s with subject, text and html', (kind, locale) => {
    const email = renderEmail(kind, locale, MODELS[kind]);

    expect(email.subject.length).toBeGreaterThan(10);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.text).toContain('Anna Schulz');
    const t = translator(locale, emailAudience(kind));
    expect(email.html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${locale}" dir="${t.dir}">`));
    expect(email.html).toContain('font-size:18px');
    expect(email.html).not.toMatch(/<img|<script/i);
    const footer = t.t('email.footer.sentBy');
    expect(email.text).toContain(footer);
    expect(email.html).toContain(footer);
    // Every non-empty line of the text part also appears in the HTML part.
    const html = visibleText(email.html);
    // Facts are "Label: value" in text but label and value in separate elements in html; the
    // footer's contact lines ("Telefon: …") are one element in both.
    const lines = email.text.split('\n').map((l) => l.trim().replace(/^- /, '').replace(/:$/, ''));
    for (const line of lines) {
      if (line !== '' && line !== '--' && !line.startsWith('http')) {
        expect([line, line.replace(/^([^:]+): /, '$1 ')].filter((form) => html.includes(form))).not.toEqual(
          [],
        );
      }
    }
  });

  it('writes the offer subject in both languages', () => {
    expect(renderEmail('volunteer-offer', 'de', offer).subject).toBe(
      'Anfrage: Einkaufshilfe in Ottensen – können Sie helfen?',
    );
    expect(renderEmail('volunteer-offer', 'en', offer).subject).toBe(
      'Request: Einkaufshilfe in Ottensen – can you help?',
    );
  });

  it('gives the offer district and both full URLs in text and html', () => {
    const email = renderEmail('volunteer-offer', 'de', offer);

    for (const part of [email.text, email.html]) {
      expect(part).toContain('Ottensen');
      expect(part).toContain('Di, 24.11.2026, 9–12 Uhr');
      expect(part).toContain('Fr, 20.11.2026, 18 Uhr');
    }
    expect(email.text).toContain(`Ja, ich helfe:\n${offer.acceptUrl}`);
    expect(email.text).toContain(`Nein, diesmal nicht:\n${offer.declineUrl}`);
    expect(email.html).toContain(`href="${attr(offer.acceptUrl)}"`);
    expect(email.html).toContain(`href="${attr(offer.declineUrl)}"`);
    expect(email.html).toContain('>Ja, ich helfe</a>');
  });

  it('has no address in the offer model, and ignores one passed by mistake', () => {
    const withAddress: VolunteerOfferModel = {
      ...offer,
      // @ts-expect-error the address is only sent after the volunteer has accepted
      streetAddress: 'Musterstraße 12',
    };
    const email = renderEmail('volunteer-offer', 'de', withAddress);
    expect(email.text).not.toContain('Musterstraße');
    expect(email.html).not.toContain('Musterstraße');
  });

  it('escapes interpolated values in the html but keeps them readable in the text', () => {
    const hostile = '<script>alert("x")</script> & Co';
    const email = renderEmail('volunteer-offer', 'de', {
      ...offer,
      description: hostile,
      volunteerName: '<b>Anna</b>',
      agency: { ...SAMPLE_AGENCY, name: 'A "quoted" agency' },
    });

    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>Anna</b>');
    expect(email.html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; Co');
    expect(email.html).toContain('A &quot;quoted&quot; agency');
    expect(email.text).toContain(hostile);
  });

  it('escapes link URLs in attributes and refuses non-web links', () => {
    const email = renderEmail('volunteer-offer', 'de', {
      ...offer,
      acceptUrl: 'https://x.example/a?b=1&c="2"',
    });
    expect(email.html).toContain('href="https://x.example/a?b=1&amp;c=&quot;2&quot;"');

    expect(() =>
      renderEmail('volunteer-offer', 'de', { ...offer, acceptUrl: 'javascript:alert(1)' }),
    ).toThrow(/disallowed protocol/);
    expect(() => renderEmail('staff-offer-accepted', 'de', { ...staff, requestUrl: '/relative' })).toThrow(
      /absolute URL/,
    );
  });

  it('gives the confirmation address, contact and the privacy reminder', () => {
    const email = renderEmail('volunteer-confirmation', 'de', confirmation);

    expect(email.subject).toBe('Danke für Ihre Zusage: Einkaufshilfe in Ottensen');
    expect(email.text).toContain('Adresse:\nMusterstraße 12\n22765 Ottensen');
    expect(email.text).toContain('Ansprechperson: Erika Meyer');
    expect(email.text).toContain('Telefon: 040 123 456');
    expect(email.text).toContain('nur für diesen Einsatz und löschen Sie sie danach');
    expect(email.text).toContain(confirmation.privacyNote);
    expect(email.html).toContain('href="tel:040123456"');
    expect(email.html).toContain('href="mailto:erika@example.org"');
    expect(email.html).toContain('Musterstraße 12<br/>22765 Ottensen');
  });

  it('does not repeat the privacy reminder when the note has the same wording', () => {
    const email = renderEmail('volunteer-confirmation', 'de', {
      ...confirmation,
      privacyNote:
        'Bitte nutzen Sie die Adresse und die Kontaktdaten nur für diesen Einsatz und löschen Sie sie danach.',
    });
    expect(email.text.match(/löschen Sie sie danach/g)).toHaveLength(1);
  });

  it('points to the agency when the confirmation has no phone or email', () => {
    const email = renderEmail('volunteer-confirmation', 'en', {
      ...confirmation,
      contactPhone: null,
      contactEmail: null,
    });

    // The agency's own phone and email stay in the footer, after the signature separator.
    const body = email.text.split('\n-- \n')[0];
    expect(body).not.toContain('Phone:');
    expect(body).not.toContain('Email:');
    expect(email.text).toContain('Altonavi will be happy to help');
    expect(email.text).toContain('delete them afterwards');
  });

  it('writes the staff notice for an offer left unanswered', () => {
    expect(renderEmail('staff-offer-expired', 'de', staff).subject).toBe(
      'Keine Antwort: Anna Schulz hat auf die Anfrage „Einkaufshilfe“ in Ottensen nicht reagiert',
    );
    expect(renderEmail('staff-offer-expired', 'en', staff).text).toContain('did not answer');
  });

  it('writes staff subjects for accepted and declined offers', () => {
    expect(renderEmail('staff-offer-accepted', 'de', staff).subject).toBe(
      'Zusage: Anna Schulz hat die Anfrage „Einkaufshilfe“ in Ottensen angenommen',
    );
    expect(renderEmail('staff-offer-declined', 'de', staff).subject).toBe(
      'Absage: Anna Schulz hat die Anfrage „Einkaufshilfe“ in Ottensen abgelehnt',
    );
    const declined = renderEmail('staff-offer-declined', 'en', staff);
    expect(declined.subject).toBe('Declined: Anna Schulz declined the request “Einkaufshilfe” in Ottensen');
    expect(declined.text).toContain(`Open request in nahbar:\n${staff.requestUrl}`);
    expect(declined.text).toContain(
      '-- \nAltonavi\nBeispielweg 3, 22765 Hamburg\nPhone: 040 987 654 32\nEmail: kontakt@altonavi.example\nOpening hours: Mo–Do 10–16 Uhr\nThis email was sent by nahbar.',
    );
  });

  it('falls back to German for an unknown locale from old data', () => {
    const email = renderEmail('volunteer-offer', 'fr', offer);
    expect(email.subject).toBe('Anfrage: Einkaufshilfe in Ottensen – können Sie helfen?');
  });

  it('keeps subjects on one line even when a value contains a newline', () => {
    const email = renderEmail('volunteer-offer', 'de', { ...offer, district: 'Otten-\nsen' });
    expect(email.subject).toBe('Anfrage: Einkaufshilfe in Otten- sen – können Sie helfen?');
  });
});

describe('the new messages', () => {
  it('should put the unsubscribe link in the footer of offers and digests, and nowhere else', () => {
    const url = SAMPLE_MODELS['volunteer-offer'].unsubscribeUrl;
    for (const kind of ['volunteer-offer', 'volunteer-offer-digest'] as const) {
      const email = renderEmail(kind, 'de', SAMPLE_MODELS[kind]);
      expect(email.text).toContain(`Keine Anfragen mehr bekommen (abmelden):\n${url}`);
      expect(email.html).toContain(`href="${attr(url)}"`);
    }
    const reminder = renderEmail('volunteer-reminder', 'de', SAMPLE_MODELS['volunteer-reminder']);
    expect(reminder.text).not.toContain('abmelden');
  });

  it('should list every offer of a digest with its own links and no address', () => {
    const model = SAMPLE_MODELS['volunteer-offer-digest'];
    const email = renderEmail('volunteer-offer-digest', 'en', model);
    expect(email.subject).toBe('Your 2 requests of the day');
    expect(email.text).toContain('1. Einkaufshilfe in Ottensen');
    expect(email.text).toContain('2. Spaziergang in Othmarschen');
    for (const offer of model.offers) {
      expect(email.text).toContain(offer.acceptUrl);
      expect(email.text).toContain(offer.declineUrl);
    }
    expect(email.text).not.toContain('Musterstraße');
    expect(renderEmail('volunteer-offer-digest', 'de', { ...model, offers: [model.offers[0]] }).subject).toBe(
      'Ihre Anfrage des Tages',
    );
  });

  it('should give the reminder the address and a tappable phone number, and mention the calendar file', () => {
    const reminder = renderEmail('volunteer-reminder', 'de', SAMPLE_MODELS['volunteer-reminder']);
    expect(reminder.subject).toBe('Erinnerung: Einkaufshilfe in Ottensen');
    expect(reminder.text).toContain('Adresse:\nMusterstraße 12\n22765 Ottensen');
    expect(reminder.html).toContain('href="tel:040123456"');
    const confirmation = renderEmail('volunteer-confirmation', 'de', SAMPLE_MODELS['volunteer-confirmation']);
    expect(confirmation.text).toContain('termin.ics');
    const without = renderEmail('volunteer-confirmation', 'de', {
      ...SAMPLE_MODELS['volunteer-confirmation'],
      hasCalendarFile: false,
    });
    expect(without.text).not.toContain('termin.ics');
  });

  it('should offer three follow-up answers as buttons', () => {
    const model = SAMPLE_MODELS['volunteer-follow-up'];
    const email = renderEmail('volunteer-follow-up', 'de', model);
    expect(email.text).toContain(`Hat stattgefunden, lief gut:\n${model.wentWellUrl}`);
    expect(email.text).toContain(`Hat stattgefunden, es gab Probleme:\n${model.problemsUrl}`);
    expect(email.text).toContain(`Hat nicht stattgefunden:\n${model.didNotHappenUrl}`);
  });

  it('should count the open items of the staff digest in its subject and skip empty sections', () => {
    const email = renderEmail('staff-daily-digest', 'de', SAMPLE_MODELS['staff-daily-digest']);
    expect(email.subject).toBe('Tagesübersicht Sa., 21.11.2026: 6 offene Punkte');
    expect(email.text).toContain('Vorschläge warten auf Ihre Auswahl (1)');
    expect(email.text).not.toContain('Nicht zustellbare');
    const empty = renderEmail('staff-daily-digest', 'en', {
      ...SAMPLE_MODELS['staff-daily-digest'],
      sections: {
        escalated: [],
        inReview: [],
        proposalsReady: [],
        noEligible: [],
        declined: [],
        expired: [],
        callTasks: [],
        followUps: [],
        undeliverable: [],
        unconfirmed: [],
      },
    });
    expect(empty.text).toContain('Nothing is open today.');
  });
});
