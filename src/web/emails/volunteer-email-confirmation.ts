import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailContent } from './email-content';

/** Asks a new volunteer to confirm the address before any offer is sent to it. */
export interface VolunteerEmailConfirmationModel extends AgencyModel {
  volunteerName: string;
  confirmUrl: string;
  expiresText: string;
}

export function volunteerEmailConfirmationContent(
  t: Translator,
  m: VolunteerEmailConfirmationModel,
): EmailContent {
  const agency = m.agency.name;
  return {
    t,
    locale: t.locale,
    subject: t.t('email.emailConfirmation.subject', { agency }),
    heading: t.t('email.emailConfirmation.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.emailConfirmation.intro', { agency }) },
      {
        type: 'actions',
        actions: [{ label: t.t('email.emailConfirmation.confirm'), url: m.confirmUrl, variant: 'primary' }],
      },
      { type: 'paragraph', text: t.t('email.emailConfirmation.deadline', { expires: m.expiresText }) },
      { type: 'paragraph', text: t.t('email.emailConfirmation.notYou', { agency }) },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
