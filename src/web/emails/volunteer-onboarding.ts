import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailContent } from './email-content';

/** Sent once, when staff first activate a volunteer: welcome, and what happens next. */
export interface VolunteerWelcomeModel extends AgencyModel {
  volunteerName: string;
  /** The volunteer's settings page (times, language, how often we may ask). */
  preferencesUrl: string;
}

export function volunteerWelcomeContent(t: Translator, m: VolunteerWelcomeModel): EmailContent {
  const agency = m.agency.name;
  return {
    t,
    locale: t.locale,
    subject: t.t('email.onboarding.welcome.subject', { agency }),
    heading: t.t('email.onboarding.welcome.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.onboarding.welcome.intro', { agency }) },
      {
        type: 'list',
        items: [
          { text: t.t('email.onboarding.welcome.stepOffer') },
          { text: t.t('email.onboarding.welcome.stepAddress') },
          { text: t.t('email.onboarding.welcome.stepCancel', { agency }) },
        ],
      },
      { type: 'paragraph', text: t.t('email.onboarding.welcome.settings') },
      {
        type: 'actions',
        actions: [
          {
            label: t.t('email.onboarding.welcome.settingsLink'),
            url: m.preferencesUrl,
            variant: 'secondary',
          },
        ],
      },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}

/** Sent when staff set a volunteer inactive: no more offers, open ones withdrawn, how to come back. */
export interface VolunteerDeactivatedModel extends AgencyModel {
  volunteerName: string;
}

export function volunteerDeactivatedContent(t: Translator, m: VolunteerDeactivatedModel): EmailContent {
  const agency = m.agency.name;
  return {
    t,
    locale: t.locale,
    subject: t.t('email.onboarding.deactivated.subject', { agency }),
    heading: t.t('email.onboarding.deactivated.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.onboarding.deactivated.body', { agency }) },
      { type: 'paragraph', text: t.t('email.onboarding.deactivated.comeBack', { agency }) },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
