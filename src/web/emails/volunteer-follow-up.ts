import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailContent } from './email-content';

/** After the date: did it happen, how did it go? Each button records the answer on the match. */
export interface VolunteerFollowUpModel extends AgencyModel {
  volunteerName: string;
  categoryLabel: string;
  district: string;
  whenText: string;
  wentWellUrl: string;
  problemsUrl: string;
  didNotHappenUrl: string;
  /** "Meine Stunden" behind the volunteer's settings link, to log the hours of this help. */
  hoursUrl?: string;
}

export function volunteerFollowUpContent(t: Translator, m: VolunteerFollowUpModel): EmailContent {
  const agency = m.agency.name;
  return {
    t,
    locale: t.locale,
    subject: t.t('email.followUp.subject', { category: m.categoryLabel, district: m.district }),
    heading: t.t('email.followUp.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      {
        type: 'paragraph',
        text: t.t('email.followUp.intro', {
          category: m.categoryLabel,
          district: m.district,
          when: m.whenText,
          agency,
        }),
      },
      {
        type: 'actions',
        actions: [
          { label: t.t('email.followUp.wentWell'), url: m.wentWellUrl, variant: 'primary' },
          { label: t.t('email.followUp.problems'), url: m.problemsUrl, variant: 'secondary' },
          { label: t.t('email.followUp.didNotHappen'), url: m.didNotHappenUrl, variant: 'secondary' },
        ],
      },
      { type: 'paragraph', text: t.t('email.followUp.problemsNote', { agency }) },
      ...(m.hoursUrl
        ? [
            { type: 'paragraph' as const, text: t.t('email.hoursLink.intro') },
            {
              type: 'actions' as const,
              actions: [
                { label: t.t('email.hoursLink.action'), url: m.hoursUrl, variant: 'secondary' as const },
              ],
            },
          ]
        : []),
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
