import { textsFor, type EmailContent, type EmailFact, type EmailLocale } from './layout';
import { present, telHref } from './volunteer-confirmation';

/** The day before: what, when, where and whom to call; the volunteer has accepted, so the address is fine. */
export interface VolunteerReminderModel {
  volunteerName: string;
  categoryLabel: string;
  whenText: string;
  streetAddress: string;
  postalCode: string;
  district: string;
  contactName: string;
  contactPhone: string | null;
  agencyName: string;
}

const TEXTS = {
  de: {
    subject: (m: VolunteerReminderModel) => `Erinnerung: ${m.categoryLabel} in ${m.district}`,
    heading: 'Bald ist es so weit',
    greeting: (m: VolunteerReminderModel) => `Hallo ${m.volunteerName},`,
    intro: 'wir erinnern Sie an Ihren Einsatz. Vielen Dank, dass Sie helfen!',
    what: 'Was',
    when: 'Wann',
    address: 'Adresse',
    contact: 'Ansprechperson',
    phone: 'Telefon',
    cannotCome: (m: VolunteerReminderModel) =>
      `Falls etwas dazwischenkommt, sagen Sie bitte so früh wie möglich bei ${m.agencyName} Bescheid.`,
    signOff: (m: VolunteerReminderModel) => ['Herzliche Grüße', `Ihr Team von ${m.agencyName}`],
  },
  en: {
    subject: (m: VolunteerReminderModel) => `Reminder: ${m.categoryLabel} in ${m.district}`,
    heading: 'It is nearly time',
    greeting: (m: VolunteerReminderModel) => `Hello ${m.volunteerName},`,
    intro: 'This is a reminder of your assignment. Thank you for helping!',
    what: 'What',
    when: 'When',
    address: 'Address',
    contact: 'Contact person',
    phone: 'Phone',
    cannotCome: (m: VolunteerReminderModel) =>
      `If something comes up, please let ${m.agencyName} know as early as possible.`,
    signOff: (m: VolunteerReminderModel) => ['Best wishes', `The ${m.agencyName} team`],
  },
};

export function volunteerReminderContent(locale: EmailLocale, m: VolunteerReminderModel): EmailContent {
  const t = textsFor(TEXTS, locale);
  const facts: EmailFact[] = [
    { label: t.what, value: m.categoryLabel },
    { label: t.when, value: m.whenText },
    { label: t.address, value: `${m.streetAddress}\n${m.postalCode} ${m.district}` },
    { label: t.contact, value: m.contactName },
  ];
  if (present(m.contactPhone)) {
    facts.push({ label: t.phone, value: m.contactPhone, href: telHref(m.contactPhone) });
  }
  return {
    locale,
    subject: t.subject(m),
    heading: t.heading,
    greeting: t.greeting(m),
    blocks: [
      { type: 'paragraph', text: t.intro },
      { type: 'facts', facts },
      { type: 'paragraph', text: t.cannotCome(m) },
    ],
    signOff: t.signOff(m),
    agencyName: m.agencyName,
  };
}
