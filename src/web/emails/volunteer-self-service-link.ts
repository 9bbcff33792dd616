import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailContent } from './email-content';

/** The magic link to the volunteer's own page (no password): asked for on the public page. */
export interface VolunteerSelfServiceLinkModel extends AgencyModel {
  volunteerName: string;
  url: string;
  expiresText: string;
}

export function volunteerSelfServiceLinkContent(
  t: Translator,
  m: VolunteerSelfServiceLinkModel,
): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.selfService.subject', { agency: m.agency.name }),
    heading: t.t('email.selfService.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.selfService.intro') },
      {
        type: 'actions',
        actions: [{ label: t.t('email.selfService.open'), url: m.url, variant: 'primary' }],
      },
      { type: 'paragraph', text: t.t('email.selfService.deadline', { expires: m.expiresText }) },
      { type: 'paragraph', text: t.t('email.selfService.notYou') },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
