import { textsFor, type EmailContent, type EmailLocale } from './layout';

/** After the date: did it happen, how did it go? Each button records the answer on the match. */
export interface VolunteerFollowUpModel {
  volunteerName: string;
  categoryLabel: string;
  district: string;
  whenText: string;
  wentWellUrl: string;
  problemsUrl: string;
  didNotHappenUrl: string;
  agencyName: string;
}

const TEXTS = {
  de: {
    subject: (m: VolunteerFollowUpModel) => `Wie war es? ${m.categoryLabel} in ${m.district}`,
    heading: 'Wie ist es gelaufen?',
    greeting: (m: VolunteerFollowUpModel) => `Hallo ${m.volunteerName},`,
    intro: (m: VolunteerFollowUpModel) =>
      `Sie haben bei „${m.categoryLabel}“ in ${m.district} (${m.whenText}) geholfen – oder wollten es. Ein Klick genügt, damit ${m.agencyName} Bescheid weiß:`,
    wentWell: 'Hat stattgefunden, lief gut',
    problems: 'Hat stattgefunden, es gab Probleme',
    didNotHappen: 'Hat nicht stattgefunden',
    problemsNote: (m: VolunteerFollowUpModel) =>
      `Wenn es Probleme gab, meldet sich ${m.agencyName} bei Ihnen. Danke für Ihre Zeit!`,
    signOff: (m: VolunteerFollowUpModel) => ['Herzliche Grüße', `Ihr Team von ${m.agencyName}`],
  },
  en: {
    subject: (m: VolunteerFollowUpModel) => `How did it go? ${m.categoryLabel} in ${m.district}`,
    heading: 'How did it go?',
    greeting: (m: VolunteerFollowUpModel) => `Hello ${m.volunteerName},`,
    intro: (m: VolunteerFollowUpModel) =>
      `You helped with “${m.categoryLabel}” in ${m.district} (${m.whenText}) – or meant to. One click lets ${m.agencyName} know:`,
    wentWell: 'It happened and went well',
    problems: 'It happened, there were problems',
    didNotHappen: 'It did not happen',
    problemsNote: (m: VolunteerFollowUpModel) =>
      `If there were problems, ${m.agencyName} will get in touch. Thank you for your time!`,
    signOff: (m: VolunteerFollowUpModel) => ['Best wishes', `The ${m.agencyName} team`],
  },
};

export function volunteerFollowUpContent(locale: EmailLocale, m: VolunteerFollowUpModel): EmailContent {
  const t = textsFor(TEXTS, locale);
  return {
    locale,
    subject: t.subject(m),
    heading: t.heading,
    greeting: t.greeting(m),
    blocks: [
      { type: 'paragraph', text: t.intro(m) },
      {
        type: 'actions',
        actions: [
          { label: t.wentWell, url: m.wentWellUrl, variant: 'primary' },
          { label: t.problems, url: m.problemsUrl, variant: 'secondary' },
          { label: t.didNotHappen, url: m.didNotHappenUrl, variant: 'secondary' },
        ],
      },
      { type: 'paragraph', text: t.problemsNote(m) },
    ],
    signOff: t.signOff(m),
    agencyName: m.agencyName,
  };
}
