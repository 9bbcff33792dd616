import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailContent } from './email-content';

/** Some weeks after "started": how is it going? One link to the three questions (docs/placements.md). */
export interface VolunteerPlacementFollowUpModel extends AgencyModel {
  volunteerName: string;
  opportunityTitle: string;
  providerName: string;
  answerUrl: string;
  /** The volunteer's "Meine Stunden" page (/preferences/<token>/hours). */
  hoursUrl: string;
}

export interface HostPlacementFollowUpModel extends AgencyModel {
  providerName: string;
  opportunityTitle: string;
  volunteerFirstName: string;
  answerUrl: string;
}

export function volunteerPlacementFollowUpContent(
  t: Translator,
  m: VolunteerPlacementFollowUpModel,
): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.placementFollowUp.volunteer.subject', { opportunity: m.opportunityTitle }),
    heading: t.t('email.placementFollowUp.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      {
        type: 'paragraph',
        text: t.t('email.placementFollowUp.volunteer.intro', {
          opportunity: m.opportunityTitle,
          host: m.providerName,
        }),
      },
      { type: 'paragraph', text: t.t('email.placementFollowUp.questions') },
      {
        type: 'actions',
        actions: [
          { label: t.t('email.placementFollowUp.answer'), url: m.answerUrl, variant: 'primary' },
          { label: t.t('email.placementFollowUp.logHours'), url: m.hoursUrl, variant: 'secondary' },
        ],
      },
      { type: 'paragraph', text: t.t('email.placementFollowUp.contact', { agency: m.agency.name }) },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}

export function hostPlacementFollowUpContent(t: Translator, m: HostPlacementFollowUpModel): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.placementFollowUp.host.subject', {
      name: m.volunteerFirstName,
      opportunity: m.opportunityTitle,
    }),
    heading: t.t('email.placementFollowUp.heading'),
    greeting: t.t('email.host.greeting', { name: m.providerName }),
    blocks: [
      {
        type: 'paragraph',
        text: t.t('email.placementFollowUp.host.intro', {
          name: m.volunteerFirstName,
          opportunity: m.opportunityTitle,
        }),
      },
      { type: 'paragraph', text: t.t('email.placementFollowUp.questions') },
      {
        type: 'actions',
        actions: [{ label: t.t('email.placementFollowUp.answer'), url: m.answerUrl, variant: 'primary' }],
      },
      { type: 'paragraph', text: t.t('email.placementFollowUp.contact', { agency: m.agency.name }) },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
