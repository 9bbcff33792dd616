import { textsFor, type EmailContent, type EmailLocale } from './layout';

/** Double opt-in: the address only counts once its owner pressed the button on the linked page. */
export interface VolunteerEmailConfirmationModel {
  volunteerName: string;
  confirmUrl: string;
  expiresText: string;
  agencyName: string;
}

const TEXTS = {
  de: {
    subject: (m: VolunteerEmailConfirmationModel) =>
      `Bitte bestätigen Sie Ihre E-Mail-Adresse bei ${m.agencyName}`,
    heading: 'E-Mail-Adresse bestätigen',
    greeting: (m: VolunteerEmailConfirmationModel) => `Hallo ${m.volunteerName},`,
    intro: (m: VolunteerEmailConfirmationModel) =>
      `Sie sind bei ${m.agencyName} als freiwillige Person angemeldet. Damit wir Ihnen Anfragen per E-Mail schicken dürfen, bestätigen Sie bitte, dass dies Ihre Adresse ist.`,
    confirm: 'Ja, das ist meine Adresse',
    deadline: (m: VolunteerEmailConfirmationModel) => `Der Link gilt bis ${m.expiresText}.`,
    notYou: (m: VolunteerEmailConfirmationModel) =>
      `Sie kennen ${m.agencyName} nicht? Dann ignorieren Sie diese E-Mail einfach; Sie bekommen keine weiteren Nachrichten.`,
    signOff: (m: VolunteerEmailConfirmationModel) => ['Herzliche Grüße', `Ihr Team von ${m.agencyName}`],
  },
  en: {
    subject: (m: VolunteerEmailConfirmationModel) => `Please confirm your email address with ${m.agencyName}`,
    heading: 'Confirm your email address',
    greeting: (m: VolunteerEmailConfirmationModel) => `Hello ${m.volunteerName},`,
    intro: (m: VolunteerEmailConfirmationModel) =>
      `You are signed up as a volunteer with ${m.agencyName}. So that we may send you requests by email, please confirm that this is your address.`,
    confirm: 'Yes, this is my address',
    deadline: (m: VolunteerEmailConfirmationModel) => `The link is valid until ${m.expiresText}.`,
    notYou: (m: VolunteerEmailConfirmationModel) =>
      `You do not know ${m.agencyName}? Then simply ignore this email; you will get no further messages.`,
    signOff: (m: VolunteerEmailConfirmationModel) => ['Best wishes', `The ${m.agencyName} team`],
  },
};

export function volunteerEmailConfirmationContent(
  locale: EmailLocale,
  m: VolunteerEmailConfirmationModel,
): EmailContent {
  const t = textsFor(TEXTS, locale);
  return {
    locale,
    subject: t.subject(m),
    heading: t.heading,
    greeting: t.greeting(m),
    blocks: [
      { type: 'paragraph', text: t.intro(m) },
      { type: 'actions', actions: [{ label: t.confirm, url: m.confirmUrl, variant: 'primary' }] },
      { type: 'paragraph', text: t.deadline(m) },
      { type: 'paragraph', text: t.notYou(m) },
    ],
    signOff: t.signOff(m),
    agencyName: m.agencyName,
  };
}
