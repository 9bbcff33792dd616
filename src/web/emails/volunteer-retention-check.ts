import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailContent } from './email-content';

/** Asked after a long time without activity: stay (one click) or do nothing and be anonymised. */
export interface VolunteerRetentionCheckModel extends AgencyModel {
  volunteerName: string;
  stayUrl: string;
  deadlineText: string;
}

export function volunteerRetentionCheckContent(t: Translator, m: VolunteerRetentionCheckModel): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.retention.subject', { agency: m.agency.name }),
    heading: t.t('email.retention.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.retention.intro') },
      {
        type: 'actions',
        actions: [{ label: t.t('email.retention.stay'), url: m.stayUrl, variant: 'primary' }],
      },
      { type: 'paragraph', text: t.t('email.retention.deadline', { deadline: m.deadlineText }) },
      { type: 'paragraph', text: t.t('email.retention.leave') },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
