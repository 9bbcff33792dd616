import type { Translator } from '../../i18n';
import type { AgencyModel, EmailContent } from './email-content';

/**
 * Tells staff how a volunteer answered an offer; shared by the accepted, declined and expired
 * notices, and by those about a volunteer who left: an open offer withdrawn (made inactive, paused)
 * or an agreed assignment open again (the volunteer erased their account).
 */
export interface StaffOfferResponseModel extends AgencyModel {
  volunteerName: string;
  requestCategoryLabel: string;
  district: string;
  whenText: string;
  requestUrl: string;
  /** What the volunteer said when declining (declined notices; absent or nulls when nothing). */
  decline?: { reasonLabel: string | null; note: string | null };
  /** An agreed assignment called off by the volunteer (cancelled notices), rather than an erasure. */
  dropOut?: { reasonLabel: string | null; note: string | null; late: boolean };
}

const DROP_OUT_TEXTS = {
  subject: 'staffEmail.dropOut.subject',
  heading: 'staffEmail.dropOut.heading',
  summary: 'staffEmail.dropOut.summary',
  nextStep: 'staffEmail.dropOut.nextStep',
} as const;

/** Reason and note as facts, when the volunteer gave them. */
function answerFacts(
  t: Translator,
  answer: { reasonLabel: string | null; note: string | null } | undefined,
): { label: string; value: string }[] {
  if (!answer) {
    return [];
  }
  return [
    ...(answer.reasonLabel ? [{ label: t.t('staffEmail.dropOut.reason'), value: answer.reasonLabel }] : []),
    ...(answer.note ? [{ label: t.t('staffEmail.dropOut.note'), value: answer.note }] : []),
  ];
}

export type StaffOfferResponse = 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'cancelled';

/** Texts per answer; the keys are literal so the catalogue check sees each one used. */
const TEXTS = {
  accepted: {
    subject: 'staffEmail.offerAccepted.subject',
    heading: 'staffEmail.offerAccepted.heading',
    summary: 'staffEmail.offerAccepted.summary',
    nextStep: 'staffEmail.offerAccepted.nextStep',
  },
  declined: {
    subject: 'staffEmail.offerDeclined.subject',
    heading: 'staffEmail.offerDeclined.heading',
    summary: 'staffEmail.offerDeclined.summary',
    nextStep: 'staffEmail.offerDeclined.nextStep',
  },
  expired: {
    subject: 'staffEmail.offerExpired.subject',
    heading: 'staffEmail.offerExpired.heading',
    summary: 'staffEmail.offerExpired.summary',
    nextStep: 'staffEmail.offerExpired.nextStep',
  },
  withdrawn: {
    subject: 'staffEmail.offerWithdrawn.subject',
    heading: 'staffEmail.offerWithdrawn.heading',
    summary: 'staffEmail.offerWithdrawn.summary',
    nextStep: 'staffEmail.offerWithdrawn.nextStep',
  },
  cancelled: {
    subject: 'staffEmail.assignmentCancelled.subject',
    heading: 'staffEmail.assignmentCancelled.heading',
    summary: 'staffEmail.assignmentCancelled.summary',
    nextStep: 'staffEmail.assignmentCancelled.nextStep',
  },
} as const;

function staffOfferResponseContent(
  answer: StaffOfferResponse,
  t: Translator,
  m: StaffOfferResponseModel,
): EmailContent {
  const texts = answer === 'cancelled' && m.dropOut ? DROP_OUT_TEXTS : TEXTS[answer];
  const values = { volunteer: m.volunteerName, category: m.requestCategoryLabel, district: m.district };
  return {
    t,
    locale: t.locale,
    subject: t.t(texts.subject, values),
    heading: t.t(texts.heading),
    greeting: t.t('staffEmail.greeting'),
    blocks: [
      { type: 'paragraph', text: t.t(texts.summary, values) },
      {
        type: 'facts',
        facts: [
          { label: t.t('staffEmail.label.volunteer'), value: m.volunteerName },
          { label: t.t('staffEmail.label.request'), value: m.requestCategoryLabel },
          { label: t.t('staffEmail.label.district'), value: m.district },
          { label: t.t('staffEmail.label.when'), value: m.whenText },
          ...answerFacts(t, answer === 'declined' ? m.decline : undefined),
          ...answerFacts(t, answer === 'cancelled' ? m.dropOut : undefined),
        ],
      },
      ...(answer === 'cancelled' && m.dropOut?.late
        ? [{ type: 'paragraph' as const, text: t.t('staffEmail.dropOut.late') }]
        : []),
      { type: 'paragraph', text: t.t(texts.nextStep) },
      {
        type: 'actions',
        actions: [{ label: t.t('staffEmail.openRequest'), url: m.requestUrl, variant: 'primary' }],
      },
    ],
    // Internal notice: no personal sign-off.
    signOff: [],
    agency: m.agency,
  };
}

export const staffOfferAcceptedContent = (t: Translator, m: StaffOfferResponseModel): EmailContent =>
  staffOfferResponseContent('accepted', t, m);

export const staffOfferDeclinedContent = (t: Translator, m: StaffOfferResponseModel): EmailContent =>
  staffOfferResponseContent('declined', t, m);

export const staffOfferExpiredContent = (t: Translator, m: StaffOfferResponseModel): EmailContent =>
  staffOfferResponseContent('expired', t, m);

export const staffOfferWithdrawnContent = (t: Translator, m: StaffOfferResponseModel): EmailContent =>
  staffOfferResponseContent('withdrawn', t, m);

export const staffAssignmentCancelledContent = (t: Translator, m: StaffOfferResponseModel): EmailContent =>
  staffOfferResponseContent('cancelled', t, m);
