import type { FieldError } from '../../../common/validation';
import type { MessageKey, Translator } from '../../../i18n';
import {
  ANSWER_NOTE_MAX_LENGTH,
  DROP_OUT_REASONS,
  type DeclineReason,
  type DropOutReason,
} from '../../../matching/domain/volunteer-answers';
import { formatDateTime } from '../format';
import type { DropOutAlert, RequestVolunteerAnswers } from '../volunteer-life.queries';
import { ConsoleLayout, CsrfField, FormErrors, InputField, SelectField, type ConsoleView } from '../view';
import type { Labels } from './labels';

const REASON_LABELS = {
  ill: 'console.dropOut.reason.ill',
  'no-time': 'console.dropOut.reason.no-time',
  personal: 'console.dropOut.reason.personal',
  other: 'console.dropOut.reason.other',
} as const satisfies Record<DropOutReason, MessageKey>;

const DECLINE_LABELS = {
  'no-time': 'console.dropOut.declineReason.no-time',
  'too-far': 'console.dropOut.declineReason.too-far',
  'not-my-thing': 'console.dropOut.declineReason.not-my-thing',
  other: 'console.dropOut.declineReason.other',
} as const satisfies Record<DeclineReason, MessageKey>;

function reasonText(t: Translator, status: 'declined' | 'dropped-out', reason: string | null): string {
  if (!reason) {
    return t.t('console.dropOut.noReason');
  }
  const labels: Record<string, MessageKey> = status === 'declined' ? DECLINE_LABELS : REASON_LABELS;
  return labels[reason] ? t.t(labels[reason]) : reason;
}

/**
 * On the request page: who declined and why, who dropped out (late or not), and for the agreed
 * volunteer the way to record that they called it off.
 */
export function RequestVolunteerAnswersCard(props: { view: ConsoleView; data?: RequestVolunteerAnswers }) {
  const { view, data } = props;
  const { t } = view;
  if (!data || (data.answers.length === 0 && !data.accepted)) {
    return null;
  }
  return (
    <section class="card" aria-labelledby="h-volunteer-answers">
      <h2 id="h-volunteer-answers">{t.t('console.dropOut.answers')}</h2>
      {data.answers.length === 0 ? (
        <p class="muted">{t.t('console.dropOut.noAnswers')}</p>
      ) : (
        <ul class="items" id="volunteer-answers">
          {data.answers.map((row) => (
            <li key={row.matchId}>
              <span>
                <a href={`/console/volunteers/${row.volunteerId}`}>{row.volunteerName}</a>:{' '}
                {t.t(row.status === 'declined' ? 'console.dropOut.declined' : 'console.dropOut.droppedOut')}
                {row.late ? ` (${t.t('console.dropOut.late')})` : ''} –{' '}
                {reasonText(t, row.status, row.reason)}
                {row.note ? (
                  <>
                    <br />
                    <span class="muted">„{row.note}“</span>
                  </>
                ) : null}
              </span>
              <span class="muted">
                {formatDateTime(row.at, t)}
                {row.byStaff ? ` · ${t.t('console.dropOut.byStaff')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {data.accepted ? (
        <p>
          <a href={`/console/requests/${data.requestId}/drop-out`}>
            {t.t('console.dropOut.record', { volunteer: data.accepted.volunteerName })}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** Staff record a drop-out (the volunteer called): reason required, a note optional. */
export function RecordDropOutPage(props: {
  view: ConsoleView;
  requestId: string;
  volunteerName: string;
  problems: FieldError[];
  values: { reason?: string; note?: string };
}) {
  const { view, problems, values } = props;
  const { t } = view;
  const labels = { reason: t.t('console.dropOut.reason'), note: t.t('console.dropOut.note') };
  return (
    <ConsoleLayout view={view} title={t.t('console.dropOut.recordTitle')} active="today">
      <p>{t.t('console.dropOut.recordIntro', { volunteer: props.volunteerName })}</p>
      <FormErrors view={view} problems={problems} labels={labels} />
      <form method="post" action={`/console/requests/${props.requestId}/drop-out`} class="card">
        <CsrfField view={view} />
        <SelectField
          label={labels.reason}
          name="reason"
          value={values.reason ?? ''}
          required
          problems={problems}
          choices={[
            { value: '', label: t.t('console.dropOut.choose') },
            ...DROP_OUT_REASONS.map((value) => ({ value, label: t.t(REASON_LABELS[value]) })),
          ]}
        />
        <InputField
          label={labels.note}
          name="note"
          value={values.note ?? ''}
          problems={problems}
          attrs={{ maxlength: ANSWER_NOTE_MAX_LENGTH }}
        />
        <p>
          <button type="submit">{t.t('console.dropOut.submit')}</button>{' '}
          <a href={`/console/requests/${props.requestId}`}>{t.t('console.dropOut.back')}</a>
        </p>
      </form>
    </ConsoleLayout>
  );
}

/** Heute: volunteers who called off an agreed assignment, while their request has nobody again. */
export function DropOutAlerts(props: { view: ConsoleView; labels: Labels; alerts?: DropOutAlert[] }) {
  const { view, labels, alerts } = props;
  const { t } = view;
  if (!alerts) {
    return null;
  }
  return (
    <section class="card" aria-labelledby="today-drop-outs">
      <h2 id="today-drop-outs">
        {t.t('console.dropOut.alerts')} <span class="count">{t.number(alerts.length)}</span>
      </h2>
      {alerts.length === 0 ? (
        <p class="muted">{t.t('console.today.empty')}</p>
      ) : (
        <ul class="items" id="drop-out-alerts">
          {alerts.map((alert) => (
            <li key={alert.requestId + alert.endedAt.toISOString()}>
              <span>
                <a href={`/console/requests/${alert.requestId}`}>
                  {labels.category(alert.category)} · {alert.district ?? ''}
                </a>
                <br />
                <span class="muted">
                  {t.t('console.dropOut.alertLine', { volunteer: alert.volunteerName })}
                  {alert.late ? ` (${t.t('console.dropOut.late')})` : ''} –{' '}
                  {reasonText(t, 'dropped-out', alert.reason)}
                </span>
              </span>
              <span class="muted">{formatDateTime(alert.endedAt, t)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
