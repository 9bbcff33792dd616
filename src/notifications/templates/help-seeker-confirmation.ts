import { textsFor, type EmailContent, type EmailLocale } from './layout';

/**
 * Tells the help-seeker who will come and when ("older people shouldn't open the door to just
 * anyone"). Sent by email when that is how they want to be reached; otherwise the same content is
 * the printable letter of a staff call task.
 */
export interface HelpSeekerConfirmationModel {
  helpSeekerName: string;
  volunteerName: string;
  categoryLabel: string;
  whenText: string;
  agencyName: string;
}

const TEXTS = {
  de: {
    subject: (m: HelpSeekerConfirmationModel) => `Wir haben Hilfe für Sie gefunden: ${m.categoryLabel}`,
    heading: 'Wir haben Hilfe für Sie gefunden',
    greeting: (m: HelpSeekerConfirmationModel) => `Guten Tag ${m.helpSeekerName},`,
    intro: 'gute Nachrichten – für Ihre Anfrage hat sich eine freiwillige Person gefunden.',
    what: 'Was',
    when: 'Wann',
    who: 'Wer kommt',
    door: (m: HelpSeekerConfirmationModel) =>
      `Bitte öffnen Sie nur ${m.volunteerName} die Tür. Wenn Sie unsicher sind oder der Termin nicht passt, rufen Sie uns gerne an.`,
    signOff: (m: HelpSeekerConfirmationModel) => ['Herzliche Grüße', `Ihr Team von ${m.agencyName}`],
  },
  en: {
    subject: (m: HelpSeekerConfirmationModel) => `We have found help for you: ${m.categoryLabel}`,
    heading: 'We have found help for you',
    greeting: (m: HelpSeekerConfirmationModel) => `Dear ${m.helpSeekerName},`,
    intro: 'Good news – a volunteer has agreed to help with your request.',
    what: 'What',
    when: 'When',
    who: 'Who is coming',
    door: (m: HelpSeekerConfirmationModel) =>
      `Please open the door only to ${m.volunteerName}. If you are unsure, or the time does not suit you, please call us.`,
    signOff: (m: HelpSeekerConfirmationModel) => ['Best wishes', `The ${m.agencyName} team`],
  },
};

export function helpSeekerConfirmationContent(
  locale: EmailLocale,
  m: HelpSeekerConfirmationModel,
): EmailContent {
  const t = textsFor(TEXTS, locale);
  return {
    locale,
    subject: t.subject(m),
    heading: t.heading,
    greeting: t.greeting(m),
    blocks: [
      { type: 'paragraph', text: t.intro },
      {
        type: 'facts',
        facts: [
          { label: t.what, value: m.categoryLabel },
          { label: t.when, value: m.whenText },
          { label: t.who, value: m.volunteerName },
        ],
      },
      { type: 'notice', paragraphs: [t.door(m)] },
    ],
    signOff: t.signOff(m),
    agencyName: m.agencyName,
  };
}
