import type { FieldError } from '../../../common/validation';
import { closingChoices, type ClosingChoice } from '../../../help-seekers/domain/close-outcome';
import type { HelpRequestStatus } from '../../../help-seekers/domain/request-status';
import { isClosedRequestStatus } from '../../../help-seekers/domain/request-status';
import type { MessageKey, Translator } from '../../../i18n';
import { formatDateTime } from '../format';
import {
  ActionButton,
  codeLabel,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  TextareaField,
  type ConsoleView,
} from '../view';

/*
 * Closing a request in the console: the card on the request page (the close form, or how it was
 * closed; the volunteer's follow-up answer with a one-click close), the form again with its
 * problems, and the timeline lines about closing, merging and follow-up answers.
 */

export interface CloseCardRequest {
  id: string;
  status: HelpRequestStatus;
  outcome?: string | null;
  closeReason?: string | null;
  closeNote?: string | null;
  mergedIntoId?: string | null;
  closedAt?: Date | null;
}

export interface CloseCardMatch {
  status: string;
  followUpOutcome?: string | null;
  followUpAt?: Date | null;
  volunteer: { name: string } | null;
}

/** What the staff typed, shown again with the problems. */
export interface CloseForm {
  closing: string;
  note: string;
  mergeInto: string;
}

export const EMPTY_CLOSE_FORM: CloseForm = { closing: '', note: '', mergeInto: '' };

/** How it went (done) and the reasons (unfulfilled, rejected) in words. */
const DETAIL_TEXT: Record<string, MessageKey> = {
  'went-well': 'console.requestClose.detail.went-well',
  problems: 'console.requestClose.detail.problems',
  'nobody-fits': 'console.requestClose.detail.nobody-fits',
  'came-too-late': 'console.requestClose.detail.came-too-late',
  'help-seeker-unreachable': 'console.requestClose.detail.help-seeker-unreachable',
  'help-seeker-declined': 'console.requestClose.detail.help-seeker-declined',
  other: 'console.requestClose.detail.other',
  spam: 'console.requestClose.detail.spam',
  duplicate: 'console.requestClose.detail.duplicate',
};

/** A close detail (how it went, or why not fulfilled or rejected) in words; unknown codes as "unbekannt". */
export function closeDetailLabel(t: Translator, detail: string): string {
  const key = DETAIL_TEXT[detail];
  return key ? t.t(key) : codeLabel(t, detail);
}

/** The volunteer's follow-up answers in words. */
const ANSWER_TEXT: Record<string, MessageKey> = {
  'went-well': 'console.requestClose.answer.went-well',
  problems: 'console.requestClose.answer.problems',
  'did-not-happen': 'console.requestClose.answer.did-not-happen',
};

/** "Erledigt – hat geklappt", "Nicht vermittelt – kam zu spät" … */
export function closingLabel(t: Translator, choice: Pick<ClosingChoice, 'status' | 'detail'>): string {
  const status = codeLabel(t, choice.status);
  if (!choice.detail) {
    return status;
  }
  const key = Object.hasOwn(DETAIL_TEXT, choice.detail) ? DETAIL_TEXT[choice.detail] : undefined;
  const detail = key ? t.t(key) : choice.detail;
  return `${status} – ${detail}`;
}

function CloseFields({
  view,
  request,
  form,
  problems = [],
}: {
  view: ConsoleView;
  request: CloseCardRequest;
  form: CloseForm;
  problems?: FieldError[];
}) {
  const { t } = view;
  const choices = closingChoices(request.status);
  return (
    <form method="post" action={`/console/requests/${request.id}/close`} id="close-form">
      <CsrfField view={view} />
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          closing: t.t('console.requestClose.closing'),
          status: t.t('console.requestClose.closing'),
          reason: t.t('console.requestClose.closing'),
          outcome: t.t('console.requestClose.closing'),
          note: t.t('console.requestClose.note'),
          mergeInto: t.t('console.requestClose.mergeInto'),
        }}
      />
      <SelectField
        label={t.t('console.requestClose.closing')}
        name="closing"
        value={form.closing}
        required
        problems={problems}
        choices={[
          { value: '', label: t.t('console.requestClose.choose') },
          ...choices.map((choice) => ({ value: choice.value, label: closingLabel(t, choice) })),
        ]}
      />
      <TextareaField
        label={t.t('console.requestClose.note')}
        name="note"
        value={form.note}
        problems={problems}
        attrs={{ maxlength: 2000 }}
      />
      <InputField
        label={t.t('console.requestClose.mergeInto')}
        name="mergeInto"
        value={form.mergeInto}
        problems={problems}
        attrs={{ autocomplete: 'off', 'aria-describedby': 'merge-hint' }}
      />
      <p class="muted" id="merge-hint">
        {t.t('console.requestClose.mergeHint')}
      </p>
      <p>
        <button type="submit" class="danger">
          {t.t('console.requestClose.submit')}
        </button>
      </p>
    </form>
  );
}

/** The volunteer's answer to the follow-up email, with the close it suggests. */
function FollowUpAnswers({
  view,
  request,
  matches,
}: {
  view: ConsoleView;
  request: CloseCardRequest;
  matches: CloseCardMatch[];
}) {
  const { t } = view;
  const answered = matches.filter((match) => match.status === 'accepted' && match.followUpOutcome);
  if (answered.length === 0) {
    return null;
  }
  const mayBeDone = request.status === 'matched';
  return (
    <div id="follow-up-answers">
      <h3>{t.t('console.requestClose.followUpHeading')}</h3>
      <ul>
        {answered.map((match, index) => (
          <li key={index}>
            {followUpText(t, match.volunteer?.name ?? '?', match.followUpOutcome ?? '')}
            {match.followUpAt ? <span class="muted"> ({formatDateTime(match.followUpAt, t)})</span> : null}
            {mayBeDone && match.followUpOutcome === 'went-well' ? (
              <>
                {' '}
                <ActionButton
                  view={view}
                  action={`/console/requests/${request.id}/close`}
                  label={t.t('console.requestClose.oneClickWentWell')}
                  hidden={{ closing: 'done:went-well', fromFollowUp: 'yes' }}
                />
              </>
            ) : null}
            {mayBeDone && match.followUpOutcome === 'problems' ? (
              <>
                {' '}
                <ActionButton
                  view={view}
                  action={`/console/requests/${request.id}/close`}
                  label={t.t('console.requestClose.oneClickProblems')}
                  hidden={{ closing: 'done:problems', fromFollowUp: 'yes' }}
                />
              </>
            ) : null}
            {match.followUpOutcome === 'did-not-happen' ? (
              <p class="muted">{t.t('console.requestClose.didNotHappen')}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const followUpText = (t: Translator, volunteer: string, answer: string): string =>
  t.t('console.requestClose.followUpAnswer', {
    volunteer,
    answer: Object.hasOwn(ANSWER_TEXT, answer) ? t.t(ANSWER_TEXT[answer]) : answer,
  });

/** How a closed request ended: status, how it went or why, the note, and where a duplicate went. */
function Closure({ view, request }: { view: ConsoleView; request: CloseCardRequest }) {
  const { t } = view;
  return (
    <dl id="closure">
      <dt>{t.t('console.requestClose.result')}</dt>
      <dd>
        {closingLabel(t, {
          status: request.status as ClosingChoice['status'],
          detail: request.closeReason ?? request.outcome ?? null,
        })}
      </dd>
      {request.closeNote ? (
        <>
          <dt>{t.t('console.requestClose.note')}</dt>
          <dd>{request.closeNote}</dd>
        </>
      ) : null}
      {request.mergedIntoId ? (
        <>
          <dt>{t.t('console.requestClose.mergedInto')}</dt>
          <dd>
            <a href={`/console/requests/${request.mergedIntoId}`}>
              {t.t('console.requestClose.otherRequest')}
            </a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The card on the request page (one line in request.page.tsx). */
export function RequestCloseCard(props: {
  view: ConsoleView;
  request: CloseCardRequest;
  matches: CloseCardMatch[];
}) {
  const { view, request } = props;
  const { t } = view;
  const closed = isClosedRequestStatus(request.status);
  return (
    <section class="card" aria-labelledby="h-close">
      <h2 id="h-close">
        {t.t(closed ? 'console.requestClose.closedHeading' : 'console.requestClose.title')}
      </h2>
      <FollowUpAnswers view={view} request={request} matches={props.matches} />
      {closed ? (
        <Closure view={view} request={request} />
      ) : (
        <CloseFields view={view} request={request} form={EMPTY_CLOSE_FORM} />
      )}
    </section>
  );
}

/** The close form again, with what was typed and the problems beside their fields. */
export function RequestClosePage(props: {
  view: ConsoleView;
  request: CloseCardRequest;
  title: string;
  form: CloseForm;
  problems: FieldError[];
}) {
  const { view, request } = props;
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={`${t.t('console.requestClose.title')}: ${props.title}`} active="today">
      <section class="card">
        <p>
          <a href={`/console/requests/${request.id}`}>{t.t('console.requestClose.back')}</a>
        </p>
        <CloseFields view={view} request={request} form={props.form} problems={props.problems} />
      </section>
    </ConsoleLayout>
  );
}

/** Timeline lines of this feature (see request-timeline.ts). */
export type CloseTimelineEvent =
  | { kind: 'closure'; status: string; detail: string | null; note: string | null; mergedInto: string | null }
  | { kind: 'merged'; duplicateId: string }
  | { kind: 'follow-up'; volunteer: string; answer: string };

export function closeTimelineText(t: Translator, event: CloseTimelineEvent): string {
  switch (event.kind) {
    case 'closure': {
      const result = closingLabel(t, {
        status: event.status as ClosingChoice['status'],
        detail: event.detail,
      });
      const parts = [t.t('console.requestClose.timelineClosed', { result })];
      if (event.note) {
        parts.push(t.t('console.requestClose.timelineNote', { note: event.note }));
      }
      if (event.mergedInto) {
        parts.push(t.t('console.requestClose.timelineMergedInto', { id: event.mergedInto }));
      }
      return parts.join(' · ');
    }
    case 'merged':
      return t.t('console.requestClose.timelineMerged', { id: event.duplicateId });
    case 'follow-up':
      return followUpText(t, event.volunteer, event.answer);
  }
}
