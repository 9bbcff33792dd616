import type { Translator } from '../../i18n';
import { signOff, type AgencyModel, type EmailContent } from './email-content';

/** The link to a host organisation's page, asked for on /host/link or sent by staff. */
export interface HostLinkModel extends AgencyModel {
  providerName: string;
  url: string;
  expiresText: string;
}

/** The agency proposes a volunteer to a host: the host page shows who and how to reach them. */
export interface HostPlacementProposedModel extends AgencyModel {
  providerName: string;
  opportunityTitle: string;
  volunteerFirstName: string;
  url: string;
}

export function hostLinkContent(t: Translator, m: HostLinkModel): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.host.link.subject', { agency: m.agency.name }),
    heading: t.t('email.host.link.heading'),
    greeting: t.t('email.host.greeting', { name: m.providerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.host.link.intro') },
      { type: 'actions', actions: [{ label: t.t('email.host.open'), url: m.url, variant: 'primary' }] },
      { type: 'paragraph', text: t.t('email.host.link.validUntil', { expires: m.expiresText }) },
      { type: 'paragraph', text: t.t('email.host.link.notYou') },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}

export function hostPlacementProposedContent(t: Translator, m: HostPlacementProposedModel): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.host.proposed.subject', { opportunity: m.opportunityTitle }),
    heading: t.t('email.host.proposed.heading'),
    greeting: t.t('email.host.greeting', { name: m.providerName }),
    blocks: [
      {
        type: 'paragraph',
        text: t.t('email.host.proposed.intro', {
          name: m.volunteerFirstName,
          opportunity: m.opportunityTitle,
        }),
      },
      { type: 'paragraph', text: t.t('email.host.proposed.next') },
      { type: 'actions', actions: [{ label: t.t('email.host.open'), url: m.url, variant: 'primary' }] },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}

/** A proposal waits at "proposed" longer than the agency's hostReminderDays: once per placement. */
export type HostProposalReminderModel = HostPlacementProposedModel;

/** The review-by date comes up: one-click "still current" and "pause" for this one opportunity. */
export interface HostReviewReminderModel extends AgencyModel {
  providerName: string;
  opportunityTitle: string;
  reviewByText: string;
  confirmUrl: string;
  pauseUrl: string;
  pageUrl: string;
}

export function hostProposalReminderContent(t: Translator, m: HostProposalReminderModel): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.host.proposalReminder.subject', { opportunity: m.opportunityTitle }),
    heading: t.t('email.host.proposalReminder.heading'),
    greeting: t.t('email.host.greeting', { name: m.providerName }),
    blocks: [
      {
        type: 'paragraph',
        text: t.t('email.host.proposalReminder.intro', {
          name: m.volunteerFirstName,
          opportunity: m.opportunityTitle,
        }),
      },
      { type: 'actions', actions: [{ label: t.t('email.host.open'), url: m.url, variant: 'primary' }] },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}

export function hostReviewReminderContent(t: Translator, m: HostReviewReminderModel): EmailContent {
  return {
    t,
    locale: t.locale,
    subject: t.t('email.host.review.subject', { opportunity: m.opportunityTitle }),
    heading: t.t('email.host.review.heading'),
    greeting: t.t('email.host.greeting', { name: m.providerName }),
    blocks: [
      {
        type: 'paragraph',
        text: t.t('email.host.review.intro', { opportunity: m.opportunityTitle, date: m.reviewByText }),
      },
      {
        type: 'actions',
        actions: [
          { label: t.t('email.host.review.confirm'), url: m.confirmUrl, variant: 'primary' },
          { label: t.t('email.host.review.pause'), url: m.pauseUrl, variant: 'secondary' },
        ],
      },
      { type: 'paragraph', text: t.t('email.host.review.page') },
      { type: 'actions', actions: [{ label: t.t('email.host.open'), url: m.pageUrl, variant: 'secondary' }] },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
