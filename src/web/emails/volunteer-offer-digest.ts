import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailBlock, type EmailContent } from './email-content';
import { offerFooterLinks } from './volunteer-offer';

/** One offer inside the daily digest; like the single offer, district only, never an address. */
export interface DigestOffer {
  categoryLabel: string;
  description: string;
  district: string;
  whenText: string;
  acceptUrl: string;
  declineUrl: string;
  expiresText: string;
}

/** For volunteers who chose one email a day: all of the day's offers together. */
export interface VolunteerOfferDigestModel extends AgencyModel {
  volunteerName: string;
  offers: DigestOffer[];
  unsubscribeUrl: string;
  preferencesUrl: string;
}

export function volunteerOfferDigestContent(t: Translator, m: VolunteerOfferDigestModel): EmailContent {
  const offerBlocks = m.offers.flatMap((offer, index): EmailBlock[] => [
    {
      type: 'subheading',
      text: t.t('email.offerDigest.item', {
        index: t.number(index + 1),
        category: offer.categoryLabel,
        district: offer.district,
      }),
    },
    {
      type: 'facts',
      facts: [
        { label: t.t('email.label.when'), value: offer.whenText },
        { label: t.t('email.label.where'), value: offer.district },
        { label: t.t('email.label.details'), value: offer.description },
      ],
    },
    {
      type: 'actions',
      actions: [
        { label: t.t('email.offer.accept'), url: offer.acceptUrl, variant: 'primary' },
        { label: t.t('email.offer.decline'), url: offer.declineUrl, variant: 'secondary' },
      ],
    },
    { type: 'paragraph', text: t.t('email.offerDigest.deadline', { expires: offer.expiresText }) },
  ]);
  return {
    t,
    locale: t.locale,
    subject: t.t('email.offerDigest.subject', { count: m.offers.length }),
    heading: t.t('email.offer.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.offerDigest.intro', { agency: m.agency.name }) },
      ...offerBlocks,
      { type: 'paragraph', text: t.t('email.offerDigest.addressLater') },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
    footerLinks: offerFooterLinks(t, m),
  };
}
