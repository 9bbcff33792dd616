import type { Translator } from '../../i18n';
import type { OfferResponseOutcome } from '../../matching/match-decisions.service';
import type { OfferAction } from '../../shared/offer-links';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { ConfirmFormPage, MessagePage } from './link-shell';
import { AnswerReasonFields } from './answer-reason-fields';
import {
  ANSWER_NOTE_MAX_LENGTH,
  DECLINE_REASONS,
  type DeclineReason,
} from '../../matching/domain/volunteer-answers';
import type { MessageKey } from '../../i18n';

export const DECLINE_REASON_TEXT = {
  'no-time': 'links.dropOut.declineReason.no-time',
  'too-far': 'links.dropOut.declineReason.too-far',
  'not-my-thing': 'links.dropOut.declineReason.not-my-thing',
  other: 'links.dropOut.declineReason.other',
} as const satisfies Record<DeclineReason, MessageKey>;

const DECLINE_CHOICES = DECLINE_REASONS.map((value) => ({ value, label: DECLINE_REASON_TEXT[value] }));

export interface OfferSummary {
  category: string;
  district: string;
  when: string;
  /** What volunteers may read before accepting (volunteerText), never the help-seeker's own description. */
  details: string;
}

/** The page behind the email link: it shows the offer and asks; only its form's POST changes anything. */
export function OfferConfirmationPage(props: {
  t: Translator;
  agency: AgencyProfile;
  path: string;
  action: OfferAction;
  offer: OfferSummary;
}) {
  const { t, offer } = props;
  const accept = props.action === 'accept';
  return (
    <ConfirmFormPage
      t={t}
      agency={props.agency}
      path={props.path}
      title={t.t(accept ? 'links.offer.confirmAccept' : 'links.offer.confirmDecline')}
      paragraphs={[]}
      button={t.t(accept ? 'links.offer.accept' : 'links.offer.decline')}
      secondary={!accept}
      note={t.t('links.offer.why')}
      fields={
        accept ? undefined : (
          <AnswerReasonFields
            t={t}
            legend={t.t('links.dropOut.declineLegend')}
            choices={DECLINE_CHOICES}
            noteLabel={t.t('links.dropOut.declineNote', { max: ANSWER_NOTE_MAX_LENGTH })}
          />
        )
      }
    >
      <dl>
        <dt>{t.t('links.offer.what')}</dt>
        <dd>{offer.category}</dd>
        <dt>{t.t('links.offer.where')}</dt>
        <dd>{offer.district}</dd>
        <dt>{t.t('links.offer.when')}</dt>
        <dd>{offer.when}</dd>
        <dt>{t.t('email.label.details')}</dt>
        <dd>{offer.details}</dd>
      </dl>
    </ConfirmFormPage>
  );
}

export type OutcomePageKind = OfferResponseOutcome | 'invalid';

const OUTCOME_TEXT = {
  accepted: ['links.offer.accepted', 'links.offer.acceptedBody'],
  declined: ['links.offer.declined', 'links.offer.declinedBody'],
  'already-answered': ['links.offer.answered', 'links.offer.answeredBody'],
  'no-longer-open': ['links.offer.closed', 'links.offer.closedBody'],
  'volunteer-not-active': ['links.offer.notActive', 'links.offer.notActiveBody'],
  expired: ['links.offer.expired', 'links.offer.expiredBody'],
  invalid: ['links.offer.invalid', 'links.invalid.body'],
} as const;

export function OfferOutcomePage(props: {
  t: Translator;
  agency: AgencyProfile;
  path: string;
  outcome: OutcomePageKind;
}) {
  const [title, body] = OUTCOME_TEXT[props.outcome];
  return (
    <MessagePage
      t={props.t}
      agency={props.agency}
      path={props.path}
      title={props.t.t(title)}
      body={props.t.t(body)}
    />
  );
}
