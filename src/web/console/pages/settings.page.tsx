import type { FieldError } from '../../../common/validation';
import { CRITERIA } from '../../../matching/domain/types';
import type { MatchingSettings } from '../../../settings/matching-settings';
import { ConsoleLayout, CsrfField, FormErrors, InputField, type ConsoleView } from '../view';
import { criterionLabel } from './request.page';

export function SettingsPage(props: {
  view: ConsoleView;
  settings: MatchingSettings;
  problems?: FieldError[];
  notice?: string | null;
}) {
  const { view, settings } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  return (
    <ConsoleLayout view={view} title={t.t('console.settings.title')} active="settings" notice={props.notice}>
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          ...Object.fromEntries(
            CRITERIA.map((criterion) => [`policy.weights.${criterion}`, criterionLabel(t, criterion)]),
          ),
          'policy.maxProposals': t.t('console.settings.maxProposals'),
          offerResponseHours: t.t('console.settings.offerResponseHours'),
          offerLeadHours: t.t('console.deadline.offerLeadHours'),
        }}
      />
      <ul>
        <li>
          <a href="/console/settings/agency">{t.t('console.agency.title')}</a>
        </li>
        <li>
          <a href="/console/settings/urgency">{t.t('console.urgency.title')}</a>
        </li>
        <li>
          <a href="/console/settings/staff">{t.t('console.staff.title')}</a>
        </li>
        <li>
          <a href="/console/settings/retention">{t.t('console.retention.title')}</a>
        </li>
        <li>
          <a href="/console/audit">{t.t('console.audit.title')}</a>
        </li>
        <li>
          <a href="/console/settings/export">{t.t('console.exportAll.title')}</a>
        </li>
        <li>
          <a href="/console/settings/hours">{t.t('hours.settings.title')}</a>
        </li>
        <li>
          <a href="/console/settings/placements">{t.t('placements.settings.title')}</a>
        </li>
        <li>
          <a href="/console/settings/reports">{t.t('reports.settings.title')}</a>
        </li>
        <li>
          <a href="/console/settings/system">{t.t('console.system.title')}</a>
        </li>
      </ul>
      <form method="post" action="/console/settings/matching" class="card" noValidate>
        <CsrfField view={view} />
        <fieldset>
          <legend>{t.t('console.settings.weights')}</legend>
          <div class="row">
            {CRITERIA.map((criterion) => (
              <InputField
                key={criterion}
                label={criterionLabel(t, criterion)}
                name={`weight.${criterion}`}
                field={`policy.weights.${criterion}`}
                type="number"
                value={settings.policy.weights[criterion]}
                problems={problems}
                attrs={{ min: 0, step: 0.05 }}
              />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.t('console.settings.caps')}</legend>
          <div class="row">
            <InputField
              label={t.t('console.settings.maxProposals')}
              name="maxProposals"
              field="policy.maxProposals"
              type="number"
              value={settings.policy.maxProposals}
              problems={problems}
              attrs={{ min: 1, max: 20 }}
            />
            <InputField
              label={t.t('console.settings.offerResponseHours')}
              name="offerResponseHours"
              type="number"
              value={settings.offerResponseHours}
              problems={problems}
              attrs={{ min: 1, max: 336 }}
            />
            <InputField
              label={t.t('console.deadline.offerLeadHours')}
              name="offerLeadHours"
              type="number"
              value={settings.offerLeadHours}
              problems={problems}
              attrs={{ min: 0, max: 168 }}
            />
          </div>
          <p>
            <label class="inline">
              <input type="checkbox" name="autoOffer" value="yes" checked={settings.autoOffer} />{' '}
              {t.t('console.settings.autoOffer')}
            </label>
          </p>
        </fieldset>
        <p>
          <button type="submit">{t.t('console.form.save')}</button>
        </p>
      </form>
    </ConsoleLayout>
  );
}
