import type { FieldError } from '../../../common/validation';
import type { AuditLogRow } from '../../../staff/audit-log-reader.service';
import type { Translator } from '../../../i18n';
import { formatDateTime } from '../format';
import { ConsoleLayout, FormErrors, InputField, SelectField, type ConsoleView } from '../view';

/** The viewer's filter form as typed (strings; empty = no filter). */
export interface AuditFilterForm {
  staffUserId: string;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
}

export const AUDIT_FILTER_FIELDS: (keyof AuditFilterForm)[] = [
  'staffUserId',
  'action',
  'entityType',
  'entityId',
  'from',
  'to',
];

/** An action in words where the catalogue has them (the request timeline's labels), else its code. */
export function auditActionLabel(t: Translator, action: string): string {
  return t.dynamic(`console.timeline.audit.${action}`) ?? action;
}

/** The query string of the filter (non-empty fields only) plus extras such as cursor or separator. */
export function auditQuery(form: AuditFilterForm, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) {
    if (form[field]) {
      params.set(field, form[field]);
    }
  }
  for (const [key, value] of Object.entries(extra)) {
    params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function AuditPage(props: {
  view: ConsoleView;
  form: AuditFilterForm;
  staff: { id: string; name: string }[];
  entries: AuditLogRow[];
  nextCursor: string | null;
  paged: boolean;
  problems?: FieldError[];
}) {
  const { view, form } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const labels: Record<keyof AuditFilterForm, string> = {
    staffUserId: t.t('console.audit.staff'),
    action: t.t('console.audit.action'),
    entityType: t.t('console.audit.entityType'),
    entityId: t.t('console.audit.entityId'),
    from: t.t('console.audit.from'),
    to: t.t('console.audit.to'),
  };
  return (
    <ConsoleLayout view={view} title={t.t('console.audit.title')} active="settings">
      <p>{t.t('console.audit.intro')}</p>
      <FormErrors view={view} problems={problems} labels={labels} />
      <form method="get" action="/console/audit" class="card" noValidate>
        <fieldset>
          <legend>{t.t('console.audit.filters')}</legend>
          <div class="row">
            <SelectField
              label={labels.staffUserId}
              name="staffUserId"
              value={form.staffUserId}
              problems={problems}
              choices={[
                { value: '', label: t.t('console.audit.anyStaff') },
                ...props.staff.map((member) => ({ value: member.id, label: member.name })),
              ]}
            />
            <InputField label={labels.action} name="action" value={form.action} problems={problems} />
            <InputField
              label={labels.entityType}
              name="entityType"
              value={form.entityType}
              problems={problems}
            />
            <InputField label={labels.entityId} name="entityId" value={form.entityId} problems={problems} />
            <InputField label={labels.from} name="from" type="date" value={form.from} problems={problems} />
            <InputField label={labels.to} name="to" type="date" value={form.to} problems={problems} />
          </div>
        </fieldset>
        <p>
          <button type="submit">{t.t('console.audit.show')}</button>{' '}
          <a href="/console/audit">{t.t('console.audit.reset')}</a>
        </p>
      </form>
      {problems.length > 0 ? null : (
        <section class="card" aria-labelledby="h-entries">
          <h2 id="h-entries">{t.t('console.audit.entries')}</h2>
          <p>
            <a href={`/console/audit/export.csv${auditQuery(form, { separator: 'semicolon' })}`}>
              {t.t('console.audit.exportSemicolon')}
            </a>{' '}
            ·{' '}
            <a href={`/console/audit/export.csv${auditQuery(form, { separator: 'comma' })}`}>
              {t.t('console.audit.exportComma')}
            </a>
          </p>
          {props.entries.length === 0 ? (
            <p class="muted">{t.t('console.audit.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table id="audit">
                <thead>
                  <tr>
                    <th scope="col">{t.t('console.common.when')}</th>
                    <th scope="col">{labels.staffUserId}</th>
                    <th scope="col">{labels.action}</th>
                    <th scope="col">{t.t('console.audit.subject')}</th>
                    <th scope="col">{t.t('console.audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.entries.map((entry) => (
                    <tr key={entry.id}>
                      <td>{formatDateTime(entry.at, t)}</td>
                      <td>{entry.staffName ?? t.t('console.audit.system')}</td>
                      <td>
                        {auditActionLabel(t, entry.action)} <code>{entry.action}</code>
                      </td>
                      <td>
                        <code>
                          {entry.entityType} {entry.entityId}
                        </code>
                      </td>
                      <td>
                        {Object.keys(entry.details).length === 0 ? null : (
                          <code class="details">{JSON.stringify(entry.details)}</code>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            {props.paged ? (
              <a href={`/console/audit${auditQuery(form)}`}>{t.t('console.audit.newest')}</a>
            ) : null}{' '}
            {props.nextCursor ? (
              <a href={`/console/audit${auditQuery(form, { cursor: props.nextCursor })}`} rel="next">
                {t.t('console.audit.older')}
              </a>
            ) : null}
          </p>
        </section>
      )}
    </ConsoleLayout>
  );
}
