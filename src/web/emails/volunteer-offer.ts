import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailContent, type EmailListItem } from './email-content';

/** Sent before the volunteer has agreed, so it names the district only — never an address. */
export interface VolunteerOfferModel extends AgencyModel {
  volunteerName: string;
  categoryLabel: string;
  /** What volunteers may read before accepting (volunteerText): never the help-seeker's own description. */
  description: string;
  district: string;
  whenText: string;
  acceptUrl: string;
  declineUrl: string;
  expiresText: string;
  /** One-click link that pauses offers (also in the List-Unsubscribe header). */
  unsubscribeUrl: string;
  /** The volunteer's own settings page (how often, when, pause). */
  preferencesUrl: string;
}

/** The footer links of every email that carries offers. */
export function offerFooterLinks(
  t: Translator,
  m: { preferencesUrl: string; unsubscribeUrl: string },
): EmailListItem[] {
  return [
    { text: t.t('email.offer.preferences'), url: m.preferencesUrl },
    { text: t.t('email.offer.unsubscribe'), url: m.unsubscribeUrl },
  ];
}

export function volunteerOfferContent(t: Translator, m: VolunteerOfferModel): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.offer.subject', { category: m.categoryLabel, district: m.district }),
    heading: t.t('email.offer.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.offer.intro', { agency: m.agency.name }) },
      {
        type: 'facts',
        facts: [
          { label: t.t('email.label.what'), value: m.categoryLabel },
          { label: t.t('email.label.when'), value: m.whenText },
          { label: t.t('email.label.where'), value: m.district },
          { label: t.t('email.label.details'), value: m.description },
        ],
      },
      { type: 'paragraph', text: t.t('email.offer.addressLater') },
      {
        type: 'actions',
        actions: [
          { label: t.t('email.offer.accept'), url: m.acceptUrl, variant: 'primary' },
          { label: t.t('email.offer.decline'), url: m.declineUrl, variant: 'secondary' },
        ],
      },
      { type: 'notice', paragraphs: [t.t('email.offer.deadline', { expires: m.expiresText })] },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
    footerLinks: offerFooterLinks(t, m),
  };
}
