import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailContent } from './email-content';

/**
 * Tells the help-seeker who will come and when ("older people shouldn't open the door to just
 * anyone"). Sent by email when that is how they want to be reached; otherwise the same content is
 * the printable letter of a staff call task.
 */
export interface HelpSeekerConfirmationModel extends AgencyModel {
  helpSeekerName: string;
  volunteerName: string;
  categoryLabel: string;
  whenText: string;
}

export function helpSeekerConfirmationContent(t: Translator, m: HelpSeekerConfirmationModel): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.helpSeeker.subject', { category: m.categoryLabel }),
    heading: t.t('email.helpSeeker.heading'),
    greeting: t.t('email.helpSeeker.greeting', { name: m.helpSeekerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.helpSeeker.intro') },
      {
        type: 'facts',
        facts: [
          { label: t.t('email.label.what'), value: m.categoryLabel },
          { label: t.t('email.label.when'), value: m.whenText },
          { label: t.t('email.helpSeeker.who'), value: m.volunteerName },
        ],
      },
      {
        type: 'notice',
        paragraphs: [t.t('email.helpSeeker.door', { volunteer: m.volunteerName, phone: m.agency.phone })],
      },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
