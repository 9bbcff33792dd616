import { textsFor, type EmailContent, type EmailFact, type EmailLocale } from './layout';

/** Sent once the volunteer has committed; the only email that carries the address and contact. */
export interface VolunteerConfirmationModel {
  volunteerName: string;
  categoryLabel: string;
  whenText: string;
  streetAddress: string;
  postalCode: string;
  district: string;
  contactName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  agencyName: string;
  /** True when an .ics calendar file is attached. */
  hasCalendarFile: boolean;
  /** Extra data-protection wording from the agency, shown under the built-in "use only for this assignment, then delete" reminder; '' for none. */
  privacyNote: string;
}

interface VolunteerConfirmationTexts {
  subject(m: VolunteerConfirmationModel): string;
  heading: string;
  greeting(m: VolunteerConfirmationModel): string;
  intro: string;
  what: string;
  when: string;
  address: string;
  contact: string;
  phone: string;
  email: string;
  noContactDetails(m: VolunteerConfirmationModel): string;
  cannotCome(m: VolunteerConfirmationModel): string;
  privacyTitle: string;
  privacyReminder: string;
  calendarFile: string;
  signOff(m: VolunteerConfirmationModel): string[];
}

const TEXTS: Record<EmailLocale, VolunteerConfirmationTexts> = {
  de: {
    subject: (m) => `Danke für Ihre Zusage: ${m.categoryLabel} in ${m.district}`,
    heading: 'Vielen Dank für Ihre Hilfe!',
    greeting: (m) => `Hallo ${m.volunteerName},`,
    intro: 'schön, dass Sie dabei sind. Hier finden Sie alles, was Sie für Ihren Einsatz brauchen.',
    what: 'Was',
    when: 'Wann',
    address: 'Adresse',
    contact: 'Ansprechperson',
    phone: 'Telefon',
    email: 'E-Mail',
    noContactDetails: (m) =>
      `Für diesen Einsatz haben wir keine Telefonnummer und keine E-Mail-Adresse. Bei Fragen hilft Ihnen ${m.agencyName} gerne weiter.`,
    cannotCome: (m) =>
      `Falls Sie doch nicht können, sagen Sie bitte so früh wie möglich bei ${m.agencyName} Bescheid.`,
    privacyTitle: 'Datenschutz',
    privacyReminder:
      'Bitte nutzen Sie die Adresse und die Kontaktdaten nur für diesen Einsatz und löschen Sie sie danach.',
    calendarFile: 'Im Anhang finden Sie den Termin als Kalendereintrag (Datei „termin.ics“).',
    signOff: (m) => ['Herzliche Grüße', `Ihr Team von ${m.agencyName}`],
  },
  en: {
    subject: (m) => `Thank you for helping: ${m.categoryLabel} in ${m.district}`,
    heading: 'Thank you for your help!',
    greeting: (m) => `Hello ${m.volunteerName},`,
    intro: 'We are glad you are on board. Here is everything you need for your assignment.',
    what: 'What',
    when: 'When',
    address: 'Address',
    contact: 'Contact person',
    phone: 'Phone',
    email: 'Email',
    noContactDetails: (m) =>
      `We have no phone number or email address for this assignment. If you have questions, ${m.agencyName} will be happy to help.`,
    cannotCome: (m) =>
      `If you cannot make it after all, please let ${m.agencyName} know as early as possible.`,
    privacyTitle: 'Data protection',
    privacyReminder:
      'Please use the address and contact details only for this assignment and delete them afterwards.',
    calendarFile: 'The appointment is attached as a calendar entry (file “termin.ics”).',
    signOff: (m) => ['Best wishes', `The ${m.agencyName} team`],
  },
};

/** Only the characters a dialler understands, so the number can be tapped on a phone. */
export function telHref(phone: string): string | undefined {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.length >= 3 ? `tel:${digits}` : undefined;
}

export function mailtoHref(email: string): string | undefined {
  return /^[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+$/.test(email) ? `mailto:${email}` : undefined;
}

export function present(value: string | null): value is string {
  return value !== null && value.trim() !== '';
}

export function volunteerConfirmationContent(
  locale: EmailLocale,
  m: VolunteerConfirmationModel,
): EmailContent {
  const t = textsFor(TEXTS, locale);
  const contactFacts: EmailFact[] = [{ label: t.contact, value: m.contactName }];
  if (present(m.contactPhone)) {
    contactFacts.push({ label: t.phone, value: m.contactPhone, href: telHref(m.contactPhone) });
  }
  if (present(m.contactEmail)) {
    contactFacts.push({ label: t.email, value: m.contactEmail, href: mailtoHref(m.contactEmail.trim()) });
  }
  const hasContactDetails = present(m.contactPhone) || present(m.contactEmail);
  // The reminder is always included; a caller passing the same wording must not get it twice.
  const note = m.privacyNote.trim();
  const privacyParagraphs =
    note === '' || note === t.privacyReminder ? [t.privacyReminder] : [t.privacyReminder, note];

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
          { label: t.address, value: `${m.streetAddress}\n${m.postalCode} ${m.district}` },
          ...contactFacts,
        ],
      },
      ...(hasContactDetails ? [] : [{ type: 'paragraph' as const, text: t.noContactDetails(m) }]),
      ...(m.hasCalendarFile ? [{ type: 'paragraph' as const, text: t.calendarFile }] : []),
      { type: 'paragraph', text: t.cannotCome(m) },
      { type: 'notice', title: t.privacyTitle, paragraphs: privacyParagraphs },
    ],
    signOff: t.signOff(m),
    agencyName: m.agencyName,
  };
}
