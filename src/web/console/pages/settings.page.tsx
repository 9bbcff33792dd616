import type { FieldError } from '../../../common/validation';
import { CRITERIA } from '../../../matching/domain/types';
import type { MatchingSettings } from '../../../settings/matching-settings';
import { STAFF_ROLES } from '../../../staff/staff-user.entity';
import { formatDateTime } from '../format';
import {
  codeLabel,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  type ConsoleView,
} from '../view';
import { criterionLabel } from './request.page';

export interface StaffRow {
  id: string;
  name: string;
  email: string;
  role: string;
  createdAt: Date;
}

export function SettingsPage(props: {
  view: ConsoleView;
  settings: MatchingSettings;
  staff: StaffRow[];
  problems?: FieldError[];
  notice?: string | null;
}) {
  const { view, settings } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const roles = STAFF_ROLES.map((value) => ({ value, label: codeLabel(t, value) }));
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
          name: t.t('console.common.name'),
          email: t.t('console.common.email'),
          role: t.t('console.settings.role'),
          password: t.t('console.settings.password'),
        }}
      />
      <p>
        <a href="/console/settings/agency">{t.t('console.agency.title')}</a> ·{' '}
        <a href="/console/settings/retention">{t.t('console.retention.title')}</a> ·{' '}
        <a href="/console/audit">{t.t('console.audit.title')}</a>
      </p>
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
      <section class="card" aria-labelledby="h-staff">
        <h2 id="h-staff">{t.t('console.settings.staff')}</h2>
        <div class="table-wrap">
          <table id="staff">
            <thead>
              <tr>
                <th scope="col">{t.t('console.common.name')}</th>
                <th scope="col">{t.t('console.common.email')}</th>
                <th scope="col">{t.t('console.settings.role')}</th>
                <th scope="col">{t.t('console.mail.created')}</th>
              </tr>
            </thead>
            <tbody>
              {props.staff.map((row) => (
                <tr key={row.id}>
                  <td>{row.name}</td>
                  <td>{row.email}</td>
                  <td>
                    <form method="post" action={`/console/settings/staff/${row.id}/role`} class="actions">
                      <CsrfField view={view} />
                      <label for={`role-${row.id}`} class="visually-hidden">
                        {t.t('console.settings.role')}: {row.name}
                      </label>
                      <select id={`role-${row.id}`} name="role">
                        {roles.map((role) => (
                          <option key={role.value} value={role.value} selected={role.value === row.role}>
                            {role.label}
                          </option>
                        ))}
                      </select>
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={`${t.t('console.settings.changeRole')}: ${row.name}`}
                      >
                        {t.t('console.settings.changeRole')}
                      </button>
                    </form>
                  </td>
                  <td>{formatDateTime(row.createdAt, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form method="post" action="/console/settings/staff">
          <CsrfField view={view} />
          <h3>{t.t('console.settings.addStaff')}</h3>
          <div class="row">
            <InputField label={t.t('console.common.name')} name="name" problems={problems} required />
            <InputField
              label={t.t('console.common.email')}
              name="email"
              type="email"
              problems={problems}
              required
            />
          </div>
          <div class="row">
            <SelectField
              label={t.t('console.settings.role')}
              name="role"
              choices={roles}
              value="coordinator"
              problems={problems}
            />
            <InputField
              label={t.t('console.settings.password')}
              name="password"
              type="password"
              problems={problems}
              required
              attrs={{ minlength: 12, autocomplete: 'new-password' }}
            />
          </div>
          <p>
            <button type="submit" class="secondary">
              {t.t('console.settings.addStaff')}
            </button>
          </p>
        </form>
      </section>
      <p>
        <a href="/console/settings/system">{t.t('console.system.title')}</a>
      </p>
    </ConsoleLayout>
  );
}
