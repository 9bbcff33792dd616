import { textsFor, type EmailContent, type EmailListItem, type EmailLocale } from './layout';

/** Sent before the volunteer has agreed, so it names the district only — never an address. */
export interface VolunteerOfferModel {
  volunteerName: string;
  categoryLabel: string;
  description: string;
  district: string;
  whenText: string;
  acceptUrl: string;
  declineUrl: string;
  expiresText: string;
  agencyName: string;
  /** One-click link that pauses offers (also in the List-Unsubscribe header). */
  unsubscribeUrl: string;
  /** The volunteer's own settings page (how often, when, pause). */
  preferencesUrl: string;
}

interface VolunteerOfferTexts {
  subject(m: VolunteerOfferModel): string;
  heading: string;
  greeting(m: VolunteerOfferModel): string;
  intro(m: VolunteerOfferModel): string;
  what: string;
  when: string;
  where: string;
  details: string;
  addressLater: string;
  accept: string;
  decline: string;
  deadline(m: VolunteerOfferModel): string;
  signOff(m: VolunteerOfferModel): string[];
}

const UNSUBSCRIBE_LABEL: Record<EmailLocale, string> = {
  de: 'Keine Anfragen mehr bekommen (abmelden)',
  en: 'Stop receiving requests (unsubscribe)',
};

const PREFERENCES_LABEL: Record<EmailLocale, string> = {
  de: 'Einstellungen – wie oft und wann Sie Anfragen bekommen, Pause',
  en: 'Settings – how often and when you get requests, pause',
};

/** The footer links of every email that carries offers. */
export function offerFooterLinks(
  locale: EmailLocale,
  m: { preferencesUrl: string; unsubscribeUrl: string },
): EmailListItem[] {
  return [
    { text: textsFor(PREFERENCES_LABEL, locale), url: m.preferencesUrl },
    { text: textsFor(UNSUBSCRIBE_LABEL, locale), url: m.unsubscribeUrl },
  ];
}

const TEXTS: Record<EmailLocale, VolunteerOfferTexts> = {
  de: {
    subject: (m) => `Anfrage: ${m.categoryLabel} in ${m.district} – können Sie helfen?`,
    heading: 'Können Sie helfen?',
    greeting: (m) => `Hallo ${m.volunteerName},`,
    intro: (m) => `bei ${m.agencyName} ist eine Anfrage eingegangen, die gut zu Ihnen passen könnte.`,
    what: 'Was',
    when: 'Wann',
    where: 'Wo',
    details: 'Worum es geht',
    addressLater: 'Die genaue Adresse und die Kontaktdaten bekommen Sie nach Ihrer Zusage.',
    accept: 'Ja, ich helfe',
    decline: 'Nein, diesmal nicht',
    deadline: (m) =>
      `Bitte antworten Sie bis ${m.expiresText}. Eine Absage ist völlig in Ordnung – dann fragen wir jemand anderen.`,
    signOff: (m) => ['Herzliche Grüße', `Ihr Team von ${m.agencyName}`],
  },
  en: {
    subject: (m) => `Request: ${m.categoryLabel} in ${m.district} – can you help?`,
    heading: 'Can you help?',
    greeting: (m) => `Hello ${m.volunteerName},`,
    intro: (m) => `${m.agencyName} has received a request that could be a good fit for you.`,
    what: 'What',
    when: 'When',
    where: 'Where',
    details: 'Details',
    addressLater: 'You will receive the exact address and contact details once you have accepted.',
    accept: 'Yes, I can help',
    decline: 'No, not this time',
    deadline: (m) =>
      `Please reply by ${m.expiresText}. Saying no is perfectly fine – we will then ask someone else.`,
    signOff: (m) => ['Best wishes', `The ${m.agencyName} team`],
  },
};

export function volunteerOfferContent(locale: EmailLocale, m: VolunteerOfferModel): EmailContent {
  const t = textsFor(TEXTS, locale);
  return {
    locale,
    subject: t.subject(m),
    heading: t.heading,
    greeting: t.greeting(m),
    blocks: [
      { type: 'paragraph', text: t.intro(m) },
      {
        type: 'facts',
        facts: [
          { label: t.what, value: m.categoryLabel },
          { label: t.when, value: m.whenText },
          { label: t.where, value: m.district },
          { label: t.details, value: m.description },
        ],
      },
      { type: 'paragraph', text: t.addressLater },
      {
        type: 'actions',
        actions: [
          { label: t.accept, url: m.acceptUrl, variant: 'primary' },
          { label: t.decline, url: m.declineUrl, variant: 'secondary' },
        ],
      },
      { type: 'notice', paragraphs: [t.deadline(m)] },
    ],
    signOff: t.signOff(m),
    agencyName: m.agencyName,
    footerLinks: offerFooterLinks(locale, m),
  };
}
