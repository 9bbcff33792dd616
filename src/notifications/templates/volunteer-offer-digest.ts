import { textsFor, type EmailBlock, type EmailContent, type EmailLocale } from './layout';
import { offerFooterLinks } from './volunteer-offer';

/** One offer inside the daily digest; like the single offer, district only, never an address. */
export interface DigestOffer {
  categoryLabel: string;
  description: string;
  district: string;
  whenText: string;
  acceptUrl: string;
  declineUrl: string;
  expiresText: string;
}

/** For volunteers who chose one email a day: all of the day's offers together. */
export interface VolunteerOfferDigestModel {
  volunteerName: string;
  agencyName: string;
  offers: DigestOffer[];
  unsubscribeUrl: string;
  preferencesUrl: string;
}

const TEXTS = {
  de: {
    subject: (n: number) => (n === 1 ? 'Ihre Anfrage des Tages' : `Ihre ${n} Anfragen des Tages`),
    heading: 'Können Sie helfen?',
    greeting: (m: VolunteerOfferDigestModel) => `Hallo ${m.volunteerName},`,
    intro: (m: VolunteerOfferDigestModel) =>
      `wie gewünscht schicken wir Ihnen die Anfragen von ${m.agencyName} einmal am Tag gesammelt.`,
    item: (i: number, o: DigestOffer) => `${i}. ${o.categoryLabel} in ${o.district}`,
    when: 'Wann',
    where: 'Wo',
    details: 'Worum es geht',
    accept: 'Ja, ich helfe',
    decline: 'Nein, diesmal nicht',
    deadline: (o: DigestOffer) => `Bitte antworten Sie bis ${o.expiresText}.`,
    addressLater:
      'Die genaue Adresse und die Kontaktdaten bekommen Sie nach Ihrer Zusage. Absagen ist völlig in Ordnung.',
    signOff: (m: VolunteerOfferDigestModel) => ['Herzliche Grüße', `Ihr Team von ${m.agencyName}`],
  },
  en: {
    subject: (n: number) => (n === 1 ? 'Your request of the day' : `Your ${n} requests of the day`),
    heading: 'Can you help?',
    greeting: (m: VolunteerOfferDigestModel) => `Hello ${m.volunteerName},`,
    intro: (m: VolunteerOfferDigestModel) =>
      `As you asked, we send you the requests from ${m.agencyName} once a day.`,
    item: (i: number, o: DigestOffer) => `${i}. ${o.categoryLabel} in ${o.district}`,
    when: 'When',
    where: 'Where',
    details: 'Details',
    accept: 'Yes, I can help',
    decline: 'No, not this time',
    deadline: (o: DigestOffer) => `Please reply by ${o.expiresText}.`,
    addressLater:
      'You will receive the exact address and contact details once you have accepted. Saying no is perfectly fine.',
    signOff: (m: VolunteerOfferDigestModel) => ['Best wishes', `The ${m.agencyName} team`],
  },
};

export function volunteerOfferDigestContent(locale: EmailLocale, m: VolunteerOfferDigestModel): EmailContent {
  const t = textsFor(TEXTS, locale);
  const offerBlocks = m.offers.flatMap((offer, index): EmailBlock[] => [
    { type: 'subheading', text: t.item(index + 1, offer) },
    {
      type: 'facts',
      facts: [
        { label: t.when, value: offer.whenText },
        { label: t.where, value: offer.district },
        { label: t.details, value: offer.description },
      ],
    },
    {
      type: 'actions',
      actions: [
        { label: t.accept, url: offer.acceptUrl, variant: 'primary' },
        { label: t.decline, url: offer.declineUrl, variant: 'secondary' },
      ],
    },
    { type: 'paragraph', text: t.deadline(offer) },
  ]);
  return {
    locale,
    subject: t.subject(m.offers.length),
    heading: t.heading,
    greeting: t.greeting(m),
    blocks: [
      { type: 'paragraph', text: t.intro(m) },
      ...offerBlocks,
      { type: 'paragraph', text: t.addressLater },
    ],
    signOff: t.signOff(m),
    agencyName: m.agencyName,
    footerLinks: offerFooterLinks(locale, m),
  };
}
