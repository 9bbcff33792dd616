import type { FieldError } from '../../../common/validation';
import type { ReportSettings } from '../../../settings/report-settings';
import { ConsoleLayout, CsrfField, FormErrors, type ConsoleView } from '../view';

/** Who may read the reports: one switch for coordinators (admins always may). */
export function ReportSettingsPage(props: {
  view: ConsoleView;
  settings: ReportSettings;
  problems: FieldError[];
  notice: string | null;
}) {
  const { view, settings } = props;
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('reports.settings.title')} active="settings" notice={props.notice}>
      <p>{t.t('reports.settings.intro')}</p>
      <form method="post" action="/console/settings/reports" class="card" novalidate>
        <CsrfField view={view} />
        <FormErrors
          view={view}
          problems={props.problems}
          labels={{ reportsForCoordinators: t.t('reports.settings.reportsForCoordinators') }}
        />
        <p>
          <label class="inline">
            <input
              type="checkbox"
              name="reportsForCoordinators"
              value="1"
              checked={settings.reportsForCoordinators}
            />{' '}
            {t.t('reports.settings.reportsForCoordinators')}
          </label>
        </p>
        <p>
          <button type="submit">{t.t('reports.settings.save')}</button>
        </p>
      </form>
    </ConsoleLayout>
  );
}
