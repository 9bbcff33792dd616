import { textsFor, type EmailContent, type EmailLocale } from './layout';

/** Tells staff how a volunteer answered an offer; shared by the accepted and declined notices. */
export interface StaffOfferResponseModel {
  volunteerName: string;
  requestCategoryLabel: string;
  district: string;
  whenText: string;
  requestUrl: string;
  /** Shown in the footer when known. */
  agencyName?: string;
}

interface StaffOfferResponseTexts {
  subject(m: StaffOfferResponseModel): string;
  heading: string;
  greeting: string;
  summary(m: StaffOfferResponseModel): string;
  nextStep: string;
  volunteer: string;
  request: string;
  district: string;
  when: string;
  open: string;
}

const FACT_LABELS = {
  de: { volunteer: 'Freiwillige Person', request: 'Anfrage', district: 'Stadtteil', when: 'Wann' },
  en: { volunteer: 'Volunteer', request: 'Request', district: 'District', when: 'When' },
} as const;

const ACCEPTED_TEXTS: Record<EmailLocale, StaffOfferResponseTexts> = {
  de: {
    subject: (m) =>
      `Zusage: ${m.volunteerName} hat die Anfrage „${m.requestCategoryLabel}“ in ${m.district} angenommen`,
    heading: 'Zusage erhalten',
    greeting: 'Hallo,',
    summary: (m) =>
      `${m.volunteerName} hat die Anfrage „${m.requestCategoryLabel}“ in ${m.district} angenommen.`,
    nextStep: 'Alle Einzelheiten finden Sie in nahbar.',
    ...FACT_LABELS.de,
    open: 'Anfrage in nahbar öffnen',
  },
  en: {
    subject: (m) =>
      `Accepted: ${m.volunteerName} accepted the request “${m.requestCategoryLabel}” in ${m.district}`,
    heading: 'Offer accepted',
    greeting: 'Hello,',
    summary: (m) =>
      `${m.volunteerName} has accepted the request “${m.requestCategoryLabel}” in ${m.district}.`,
    nextStep: 'You will find all details in nahbar.',
    ...FACT_LABELS.en,
    open: 'Open request in nahbar',
  },
};

const DECLINED_TEXTS: Record<EmailLocale, StaffOfferResponseTexts> = {
  de: {
    subject: (m) =>
      `Absage: ${m.volunteerName} hat die Anfrage „${m.requestCategoryLabel}“ in ${m.district} abgelehnt`,
    heading: 'Absage erhalten',
    greeting: 'Hallo,',
    summary: (m) =>
      `${m.volunteerName} hat die Anfrage „${m.requestCategoryLabel}“ in ${m.district} abgelehnt.`,
    nextStep: 'Sie können in nahbar eine andere freiwillige Person anfragen.',
    ...FACT_LABELS.de,
    open: 'Anfrage in nahbar öffnen',
  },
  en: {
    subject: (m) =>
      `Declined: ${m.volunteerName} declined the request “${m.requestCategoryLabel}” in ${m.district}`,
    heading: 'Offer declined',
    greeting: 'Hello,',
    summary: (m) =>
      `${m.volunteerName} has declined the request “${m.requestCategoryLabel}” in ${m.district}.`,
    nextStep: 'You can ask another volunteer in nahbar.',
    ...FACT_LABELS.en,
    open: 'Open request in nahbar',
  },
};

const EXPIRED_TEXTS: Record<EmailLocale, StaffOfferResponseTexts> = {
  de: {
    subject: (m) =>
      `Keine Antwort: ${m.volunteerName} hat auf die Anfrage „${m.requestCategoryLabel}“ in ${m.district} nicht reagiert`,
    heading: 'Keine Antwort erhalten',
    greeting: 'Hallo,',
    summary: (m) =>
      `${m.volunteerName} hat auf die Anfrage „${m.requestCategoryLabel}“ in ${m.district} nicht rechtzeitig geantwortet.`,
    nextStep: 'Die Anfrage geht an die nächste passende Person oder wartet in nahbar auf Ihre Auswahl.',
    ...FACT_LABELS.de,
    open: 'Anfrage in nahbar öffnen',
  },
  en: {
    subject: (m) =>
      `No answer: ${m.volunteerName} did not answer the request “${m.requestCategoryLabel}” in ${m.district}`,
    heading: 'No answer',
    greeting: 'Hello,',
    summary: (m) =>
      `${m.volunteerName} did not answer the request “${m.requestCategoryLabel}” in ${m.district} in time.`,
    nextStep: 'The request goes to the next fitting volunteer, or waits in nahbar for your choice.',
    ...FACT_LABELS.en,
    open: 'Open request in nahbar',
  },
};

function staffOfferResponseContent(
  texts: Record<EmailLocale, StaffOfferResponseTexts>,
  locale: EmailLocale,
  m: StaffOfferResponseModel,
): EmailContent {
  const t = textsFor(texts, locale);
  return {
    locale,
    subject: t.subject(m),
    heading: t.heading,
    greeting: t.greeting,
    blocks: [
      { type: 'paragraph', text: t.summary(m) },
      {
        type: 'facts',
        facts: [
          { label: t.volunteer, value: m.volunteerName },
          { label: t.request, value: m.requestCategoryLabel },
          { label: t.district, value: m.district },
          { label: t.when, value: m.whenText },
        ],
      },
      { type: 'paragraph', text: t.nextStep },
      { type: 'actions', actions: [{ label: t.open, url: m.requestUrl, variant: 'primary' }] },
    ],
    // Internal notice: no personal sign-off.
    signOff: [],
    agencyName: m.agencyName,
  };
}

export function staffOfferAcceptedContent(locale: EmailLocale, m: StaffOfferResponseModel): EmailContent {
  return staffOfferResponseContent(ACCEPTED_TEXTS, locale, m);
}

export function staffOfferDeclinedContent(locale: EmailLocale, m: StaffOfferResponseModel): EmailContent {
  return staffOfferResponseContent(DECLINED_TEXTS, locale, m);
}

export function staffOfferExpiredContent(locale: EmailLocale, m: StaffOfferResponseModel): EmailContent {
  return staffOfferResponseContent(EXPIRED_TEXTS, locale, m);
}
