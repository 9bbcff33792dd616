import type { Translator } from '../../i18n';
import type { AgencyModel, EmailContent } from './email-content';

/** The single-use link to set a new console password (asked for on the login page or by an admin). */
export interface StaffPasswordResetModel extends AgencyModel {
  staffName: string;
  url: string;
  expiresText: string;
}

export function staffPasswordResetContent(t: Translator, m: StaffPasswordResetModel): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('staffEmail.passwordReset.subject'),
    heading: t.t('staffEmail.passwordReset.heading'),
    greeting: t.t('staffEmail.passwordReset.greeting', { name: m.staffName }),
    blocks: [
      { type: 'paragraph', text: t.t('staffEmail.passwordReset.intro') },
      {
        type: 'actions',
        actions: [{ label: t.t('staffEmail.passwordReset.open'), url: m.url, variant: 'primary' }],
      },
      { type: 'paragraph', text: t.t('staffEmail.passwordReset.deadline', { expires: m.expiresText }) },
      { type: 'paragraph', text: t.t('staffEmail.passwordReset.notYou') },
    ],
    signOff: [],
    agency: m.agency,
  };
}
