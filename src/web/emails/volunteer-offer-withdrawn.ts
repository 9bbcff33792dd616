import type { MessageKey, Translator } from '../../i18n';
import type { OfferWithdrawalReason } from '../../matching/domain/offer-withdrawal';
import { signOff, type AgencyModel, type EmailContent } from './email-content';

/**
 * An offer the volunteer was sent is no longer needed: said politely, with why in general words
 * (closed, changed, they are no longer active, someone else helps). Nothing about the help-seeker
 * beyond what the offer itself said (category, district, date).
 */
export interface VolunteerOfferWithdrawnModel extends AgencyModel {
  volunteerName: string;
  categoryLabel: string;
  district: string;
  whenText: string;
  reason: OfferWithdrawalReason;
}

/** Why, in general words (never the help-seeker's details). */
const REASON_TEXT: Record<OfferWithdrawalReason, MessageKey> = {
  'request-closed': 'email.offerWithdrawn.reason.request-closed',
  'request-changed': 'email.offerWithdrawn.reason.request-changed',
  'volunteer-inactive': 'email.offerWithdrawn.reason.volunteer-inactive',
  filled: 'email.offerWithdrawn.reason.filled',
};

export function volunteerOfferWithdrawnContent(t: Translator, m: VolunteerOfferWithdrawnModel): EmailContent {
  const agency = m.agency.name;
  const values = { category: m.categoryLabel, district: m.district, when: m.whenText, agency };
  return {
    t,
    locale: t.locale,
    subject: t.t('email.offerWithdrawn.subject', values),
    heading: t.t('email.offerWithdrawn.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.offerWithdrawn.intro', values) },
      { type: 'paragraph', text: t.t(REASON_TEXT[m.reason] ?? REASON_TEXT['request-closed'], values) },
      { type: 'paragraph', text: t.t('email.offerWithdrawn.nothingToDo') },
      {
        type: 'paragraph',
        text: t.t(
          m.reason === 'volunteer-inactive'
            ? 'email.offerWithdrawn.thanksInactive'
            : 'email.offerWithdrawn.thanks',
          values,
        ),
      },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
