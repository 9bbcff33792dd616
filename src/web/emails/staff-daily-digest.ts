import type { Translator } from '../../i18n';
import type { AgencyModel, EmailBlock, EmailContent, EmailListItem } from './email-content';

export const DIGEST_SECTIONS = [
  'escalated',
  'inReview',
  'proposalsReady',
  'noEligible',
  'declined',
  'expired',
  'callTasks',
  'followUps',
  'undeliverable',
  'unconfirmed',
] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

/** What needs a person today; each line names the request or volunteer (never help-seeker data) and links to it. */
export interface StaffDailyDigestModel extends AgencyModel {
  /** The Berlin day the digest is about. */
  day: Date;
  sections: Record<DigestSection, EmailListItem[]>;
}

const SECTION_TITLES = {
  escalated: 'staffEmail.deadline.digestSection',
  inReview: 'staffEmail.digest.section.inReview',
  proposalsReady: 'staffEmail.digest.section.proposalsReady',
  noEligible: 'staffEmail.digest.section.noEligible',
  declined: 'staffEmail.digest.section.declined',
  expired: 'staffEmail.digest.section.expired',
  callTasks: 'staffEmail.digest.section.callTasks',
  followUps: 'staffEmail.digest.section.followUps',
  undeliverable: 'staffEmail.digest.section.undeliverable',
  unconfirmed: 'staffEmail.digest.section.unconfirmed',
} as const satisfies Record<DigestSection, string>;

export function countDigestItems(m: Pick<StaffDailyDigestModel, 'sections'>): number {
  return DIGEST_SECTIONS.reduce((sum, section) => sum + m.sections[section].length, 0);
}

export function staffDailyDigestContent(t: Translator, m: StaffDailyDigestModel): EmailContent {
  const total = countDigestItems(m);
  const blocks: EmailBlock[] = DIGEST_SECTIONS.filter((section) => m.sections[section].length > 0).flatMap(
    (section): EmailBlock[] => [
      {
        type: 'subheading',
        text: t.t('staffEmail.digest.sectionTitle', {
          title: t.t(SECTION_TITLES[section]),
          count: m.sections[section].length,
        }),
      },
      { type: 'list', items: m.sections[section] },
    ],
  );
  const day = t.date(m.day, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' });
  return {
    t,
    locale: t.locale,
    subject: t.t('staffEmail.digest.subject', { day, count: total }),
    heading: t.t('staffEmail.digest.heading'),
    greeting: t.t('staffEmail.digest.greeting'),
    blocks: blocks.length > 0 ? blocks : [{ type: 'paragraph', text: t.t('staffEmail.digest.nothing') }],
    signOff: [],
    agency: m.agency,
  };
}
