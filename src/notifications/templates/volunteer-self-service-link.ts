import { textsFor, type EmailContent, type EmailLocale } from './layout';

/** The magic link to the volunteer's own page (no password): asked for on the public page. */
export interface VolunteerSelfServiceLinkModel {
  volunteerName: string;
  url: string;
  expiresText: string;
  agencyName: string;
}

const TEXTS = {
  de: {
    subject: (m: VolunteerSelfServiceLinkModel) => `Ihr Link zu Ihren Angaben bei ${m.agencyName}`,
    heading: 'Ihre Angaben ansehen und ändern',
    greeting: (m: VolunteerSelfServiceLinkModel) => `Hallo ${m.volunteerName},`,
    intro:
      'Mit diesem Link sehen Sie Ihre Angaben und Einsätze, ändern Ihre Zeiten, machen Pause, laden Ihre Daten herunter oder löschen Ihr Konto.',
    open: 'Meine Angaben öffnen',
    deadline: (m: VolunteerSelfServiceLinkModel) =>
      `Der Link gilt bis ${m.expiresText}. Geben Sie ihn nicht weiter.`,
    notYou: 'Sie haben keinen Link angefordert? Dann ignorieren Sie diese E-Mail einfach.',
    signOff: (m: VolunteerSelfServiceLinkModel) => ['Herzliche Grüße', `Ihr Team von ${m.agencyName}`],
  },
  en: {
    subject: (m: VolunteerSelfServiceLinkModel) => `Your link to your details with ${m.agencyName}`,
    heading: 'View and change your details',
    greeting: (m: VolunteerSelfServiceLinkModel) => `Hello ${m.volunteerName},`,
    intro:
      'With this link you can see your details and assignments, change your times, take a break, download your data or delete your account.',
    open: 'Open my details',
    deadline: (m: VolunteerSelfServiceLinkModel) =>
      `The link is valid until ${m.expiresText}. Do not pass it on.`,
    notYou: 'You did not ask for a link? Then simply ignore this email.',
    signOff: (m: VolunteerSelfServiceLinkModel) => ['Best wishes', `The ${m.agencyName} team`],
  },
};

export function volunteerSelfServiceLinkContent(
  locale: EmailLocale,
  m: VolunteerSelfServiceLinkModel,
): EmailContent {
  const t = textsFor(TEXTS, locale);
  return {
    locale,
    subject: t.subject(m),
    heading: t.heading,
    greeting: t.greeting(m),
    blocks: [
      { type: 'paragraph', text: t.intro },
      { type: 'actions', actions: [{ label: t.open, url: m.url, variant: 'primary' }] },
      { type: 'paragraph', text: t.deadline(m) },
      { type: 'paragraph', text: t.notYou },
    ],
    signOff: t.signOff(m),
    agencyName: m.agencyName,
  };
}
