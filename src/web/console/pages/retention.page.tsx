import type { FieldError } from '../../../common/validation';
import type { RetentionCounts, RetentionSettings } from '../../../retention/retention-settings.service';
import { formatDateTime } from '../format';
import { ConsoleLayout, CsrfField, FormErrors, InputField, type ConsoleView } from '../view';

export type RetentionForm = Record<keyof RetentionSettings, string | number>;

const COUNT_FIELDS: (keyof RetentionCounts)[] = [
  'helpSeekersAnonymised',
  'helpSeekersDeferred',
  'volunteersAsked',
  'volunteersAnonymised',
  'auditEntriesStripped',
];

/** The retention periods (admins) and what the daily job did lately, as counts. */
export function RetentionPage(props: {
  view: ConsoleView;
  form: RetentionForm;
  runs: { day: string; finishedAt: Date; counts: RetentionCounts }[];
  problems?: FieldError[];
  notice?: string | null;
}) {
  const { view, form } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const labels = {
    closedCaseMonths: t.t('console.retention.closedCaseMonths'),
    volunteerInactiveMonths: t.t('console.retention.volunteerInactiveMonths'),
    volunteerAnswerDays: t.t('console.retention.volunteerAnswerDays'),
    auditDetailMonths: t.t('console.retention.auditDetailMonths'),
  };
  const countLabels: Record<keyof RetentionCounts, string> = {
    helpSeekersAnonymised: t.t('console.retention.count.helpSeekersAnonymised'),
    helpSeekersDeferred: t.t('console.retention.count.helpSeekersDeferred'),
    volunteersAsked: t.t('console.retention.count.volunteersAsked'),
    volunteersAnonymised: t.t('console.retention.count.volunteersAnonymised'),
    auditEntriesStripped: t.t('console.retention.count.auditEntriesStripped'),
  };
  return (
    <ConsoleLayout view={view} title={t.t('console.retention.title')} active="settings" notice={props.notice}>
      <p>{t.t('console.retention.intro')}</p>
      <FormErrors view={view} problems={problems} labels={labels} />
      <form method="post" action="/console/settings/retention" class="card" noValidate>
        <CsrfField view={view} />
        <div class="row">
          <InputField
            label={labels.closedCaseMonths}
            name="closedCaseMonths"
            type="number"
            value={form.closedCaseMonths}
            problems={problems}
            attrs={{ min: 1, max: 120 }}
          />
          <InputField
            label={labels.volunteerInactiveMonths}
            name="volunteerInactiveMonths"
            type="number"
            value={form.volunteerInactiveMonths}
            problems={problems}
            attrs={{ min: 6, max: 120 }}
          />
          <InputField
            label={labels.volunteerAnswerDays}
            name="volunteerAnswerDays"
            type="number"
            value={form.volunteerAnswerDays}
            problems={problems}
            attrs={{ min: 7, max: 365 }}
          />
          <InputField
            label={labels.auditDetailMonths}
            name="auditDetailMonths"
            type="number"
            value={form.auditDetailMonths}
            problems={problems}
            attrs={{ min: 6, max: 120 }}
          />
        </div>
        <p>
          <button type="submit">{t.t('console.form.save')}</button>
        </p>
      </form>
      <section class="card" aria-labelledby="h-runs">
        <h2 id="h-runs">{t.t('console.retention.runs')}</h2>
        {props.runs.length === 0 ? (
          <p class="muted">{t.t('console.retention.noRuns')}</p>
        ) : (
          <div class="table-wrap">
            <table id="retention-runs">
              <thead>
                <tr>
                  <th scope="col">{t.t('console.common.when')}</th>
                  {COUNT_FIELDS.map((field) => (
                    <th scope="col" key={field}>
                      {countLabels[field]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.runs.map((run) => (
                  <tr key={run.day}>
                    <td>{formatDateTime(run.finishedAt, t)}</td>
                    {COUNT_FIELDS.map((field) => (
                      <td key={field}>{run.counts[field] ?? 0}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </ConsoleLayout>
  );
}
