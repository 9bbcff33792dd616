import type { FieldError } from '../../../common/validation';
import { ConsoleLayout, CsrfField, FormErrors, SelectField, type ConsoleView } from '../view';

/**
 * Export everything (admins): what the zip holds, a plain warning that it is personal data, and
 * one form that starts the download (POST with the CSRF field; the answer is the zip itself).
 */
export function ExportPage(props: { view: ConsoleView; separator: string; problems?: FieldError[] }) {
  const { view } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const labels = { separator: t.t('console.exportAll.separator') };
  return (
    <ConsoleLayout view={view} title={t.t('console.exportAll.title')} active="settings">
      <p>{t.t('console.exportAll.intro')}</p>
      <div class="card" role="note" aria-labelledby="export-warning">
        <h2 id="export-warning">{t.t('console.exportAll.warningTitle')}</h2>
        <p>{t.t('console.exportAll.warning')}</p>
      </div>
      <ul>
        <li>{t.t('console.exportAll.contentCsv')}</li>
        <li>{t.t('console.exportAll.contentJson')}</li>
        <li>{t.t('console.exportAll.contentReadme')}</li>
        <li>{t.t('console.exportAll.leftOut')}</li>
        <li>{t.t('console.exportAll.audited')}</li>
      </ul>
      <FormErrors view={view} problems={problems} labels={labels} />
      <form method="post" action="/console/settings/export" class="card" noValidate>
        <CsrfField view={view} />
        <SelectField
          label={labels.separator}
          name="separator"
          value={props.separator}
          problems={problems}
          choices={[
            { value: 'semicolon', label: t.t('console.exportAll.separatorSemicolon') },
            { value: 'comma', label: t.t('console.exportAll.separatorComma') },
          ]}
        />
        <p>
          <button type="submit">{t.t('console.exportAll.submit')}</button>
        </p>
      </form>
    </ConsoleLayout>
  );
}
