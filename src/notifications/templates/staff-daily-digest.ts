import { textsFor, type EmailBlock, type EmailContent, type EmailListItem, type EmailLocale } from './layout';

export const DIGEST_SECTIONS = [
  'inReview',
  'proposalsReady',
  'noEligible',
  'declined',
  'expired',
  'callTasks',
  'followUps',
  'undeliverable',
  'unconfirmed',
] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

/** What needs a person today; each line names the request or volunteer (never help-seeker data) and links to it. */
export interface StaffDailyDigestModel {
  dayText: string;
  sections: Record<DigestSection, EmailListItem[]>;
  agencyName?: string;
}

const TITLES: Record<EmailLocale, Record<DigestSection, string>> = {
  de: {
    inReview: 'Neue Anfragen von der Website, noch nicht angesehen',
    proposalsReady: 'Vorschläge warten auf Ihre Auswahl',
    noEligible: 'Anfragen ohne passende freiwillige Person',
    declined: 'Absagen (letzte 24 Stunden)',
    expired: 'Ohne Antwort abgelaufene Anfragen (letzte 24 Stunden)',
    callTasks: 'Hilfesuchende anrufen oder anschreiben',
    followUps: 'Rückmeldungen nach dem Einsatz, die Aufmerksamkeit brauchen',
    undeliverable: 'Nicht zustellbare E-Mails (letzte 24 Stunden)',
    unconfirmed: 'Noch nicht bestätigte E-Mail-Adressen (älter als 3 Tage)',
  },
  en: {
    inReview: 'New requests from the website, not yet reviewed',
    proposalsReady: 'Proposals waiting for your choice',
    noEligible: 'Requests with no fitting volunteer',
    declined: 'Declined offers (last 24 hours)',
    expired: 'Offers that expired without an answer (last 24 hours)',
    callTasks: 'Help-seekers to call or write to',
    followUps: 'Follow-up answers that need attention',
    undeliverable: 'Undeliverable emails (last 24 hours)',
    unconfirmed: 'Email addresses not yet confirmed (older than 3 days)',
  },
};

const TEXTS = {
  de: {
    subject: (m: StaffDailyDigestModel, total: number) =>
      `Tagesübersicht ${m.dayText}: ${total} offene Punkte`,
    heading: 'Was heute Aufmerksamkeit braucht',
    greeting: 'Guten Morgen,',
    nothing: 'Heute ist nichts offen. Schönen Tag!',
  },
  en: {
    subject: (m: StaffDailyDigestModel, total: number) => `Daily summary ${m.dayText}: ${total} open items`,
    heading: 'What needs attention today',
    greeting: 'Good morning,',
    nothing: 'Nothing is open today. Have a good day!',
  },
};

export function countDigestItems(m: StaffDailyDigestModel): number {
  return DIGEST_SECTIONS.reduce((sum, section) => sum + m.sections[section].length, 0);
}

export function staffDailyDigestContent(locale: EmailLocale, m: StaffDailyDigestModel): EmailContent {
  const t = textsFor(TEXTS, locale);
  const titles = textsFor(TITLES, locale);
  const total = countDigestItems(m);
  const blocks: EmailBlock[] = DIGEST_SECTIONS.filter((section) => m.sections[section].length > 0).flatMap(
    (section): EmailBlock[] => [
      { type: 'subheading', text: `${titles[section]} (${m.sections[section].length})` },
      { type: 'list', items: m.sections[section] },
    ],
  );
  return {
    locale,
    subject: t.subject(m, total),
    heading: t.heading,
    greeting: t.greeting,
    blocks: blocks.length > 0 ? blocks : [{ type: 'paragraph', text: t.nothing }],
    signOff: [],
    agencyName: m.agencyName,
  };
}
