import type { Translator } from '../../i18n';
import {
  mailtoHref,
  present,
  signOff,
  telHref,
  type AgencyModel,
  type EmailContent,
  type EmailFact,
} from './email-content';

/** Sent once the volunteer has committed; the only email that carries the address and contact. */
export interface VolunteerConfirmationModel extends AgencyModel {
  volunteerName: string;
  categoryLabel: string;
  whenText: string;
  streetAddress: string;
  postalCode: string;
  district: string;
  contactName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  /**
   * The help-seeker's accessibility needs (health data): only stored with their explicit consent
   * (Art. 9 GDPR), and shared with the volunteer who accepted because they help to help well.
   */
  accessibilityNeeds?: string[];
  /** True when an .ics calendar file is attached. */
  hasCalendarFile: boolean;
  /** Extra data-protection wording from the agency, shown under the built-in "use only for this assignment, then delete" reminder; '' for none. */
  privacyNote: string;
  /** "I can't come after all": the signed link that calls the assignment off (asks first). */
  dropOutUrl: string;
}

export function volunteerConfirmationContent(t: Translator, m: VolunteerConfirmationModel): EmailContent {
  const contactFacts: EmailFact[] = [{ label: t.t('email.label.contact'), value: m.contactName }];
  if (present(m.contactPhone)) {
    contactFacts.push({
      label: t.t('email.label.phone'),
      value: m.contactPhone,
      href: telHref(m.contactPhone),
    });
  }
  if (present(m.contactEmail)) {
    contactFacts.push({
      label: t.t('email.label.email'),
      value: m.contactEmail,
      href: mailtoHref(m.contactEmail.trim()),
    });
  }
  const hasContactDetails = present(m.contactPhone) || present(m.contactEmail);
  const reminder = t.t('email.confirmation.privacyReminder');
  // The reminder is always included; a caller passing the same wording must not get it twice.
  const note = m.privacyNote.trim();
  const privacyParagraphs = note === '' || note === reminder ? [reminder] : [reminder, note];
  const agency = m.agency.name;

  return {
    t,
    locale: t.locale,
    subject: t.t('email.confirmation.subject', { category: m.categoryLabel, district: m.district }),
    heading: t.t('email.confirmation.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.confirmation.intro') },
      {
        type: 'facts',
        facts: [
          { label: t.t('email.label.what'), value: m.categoryLabel },
          { label: t.t('email.label.when'), value: m.whenText },
          { label: t.t('email.label.address'), value: `${m.streetAddress}\n${m.postalCode} ${m.district}` },
          ...contactFacts,
          ...(m.accessibilityNeeds?.length
            ? [{ label: t.t('email.requestEdit.accessibilityNeeds'), value: m.accessibilityNeeds.join(', ') }]
            : []),
        ],
      },
      ...(hasContactDetails
        ? []
        : [{ type: 'paragraph' as const, text: t.t('email.confirmation.noContactDetails', { agency }) }]),
      ...(m.hasCalendarFile
        ? [
            {
              type: 'paragraph' as const,
              text: t.t('email.confirmation.calendarFile', { file: 'termin.ics' }),
            },
          ]
        : []),
      { type: 'paragraph', text: t.t('email.confirmation.cannotCome', { agency }) },
      {
        type: 'actions',
        actions: [{ label: t.t('email.dropOut.link'), url: m.dropOutUrl, variant: 'secondary' }],
      },
      { type: 'notice', title: t.t('email.confirmation.privacyTitle'), paragraphs: privacyParagraphs },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
