import type { MessageKey, Translator } from '../../i18n';
import type { DeclineReason, DropOutReason } from '../../matching/domain/volunteer-answers';
import type { Match } from '../../matching/match.entity';
import type { StaffOfferResponseModel } from './staff-offer-response';

const DECLINE_REASON_LABELS = {
  'no-time': 'staffEmail.dropOut.declineReason.no-time',
  'too-far': 'staffEmail.dropOut.declineReason.too-far',
  'not-my-thing': 'staffEmail.dropOut.declineReason.not-my-thing',
  other: 'staffEmail.dropOut.declineReason.other',
} as const satisfies Record<DeclineReason, MessageKey>;

const DROP_OUT_REASON_LABELS = {
  ill: 'staffEmail.dropOut.reason.ill',
  'no-time': 'staffEmail.dropOut.reason.no-time',
  personal: 'staffEmail.dropOut.reason.personal',
  other: 'staffEmail.dropOut.reason.other',
} as const satisfies Record<DropOutReason, MessageKey>;

/** For staff notices: why the volunteer declined, or that (and why) they dropped out. */
export function volunteerAnswerOf(
  t: Translator,
  match: Pick<Match, 'status' | 'declineReason' | 'declineNote' | 'endedReason' | 'endedNote' | 'endedLate'>,
): Pick<StaffOfferResponseModel, 'decline' | 'dropOut'> {
  if (match.status === 'dropped-out') {
    return {
      dropOut: {
        reasonLabel: match.endedReason ? t.t(DROP_OUT_REASON_LABELS[match.endedReason]) : null,
        note: match.endedNote,
        late: match.endedLate,
      },
    };
  }
  if (match.status === 'declined' && (match.declineReason || match.declineNote)) {
    return {
      decline: {
        reasonLabel: match.declineReason ? t.t(DECLINE_REASON_LABELS[match.declineReason]) : null,
        note: match.declineNote,
      },
    };
  }
  return {};
}
