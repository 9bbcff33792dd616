import type { FieldError } from '../../../common/validation';
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

export interface StaffAccountRow {
  id: string;
  name: string;
  email: string;
  role: string;
  locale: string;
  createdAt: Date;
  deactivatedAt: Date | null;
  passwordChangeRequired: boolean;
  totpEnabledAt: Date | null;
}

/** Admins: every staff account with its state, actions per account, a new account, 2FA for all. */
export function StaffAccountsPage(props: {
  view: ConsoleView;
  staff: StaffAccountRow[];
  /** The logged-in admin: no "deactivate" on their own row. */
  selfId: string;
  totpRequired: boolean;
  problems?: FieldError[];
  notice?: string | null;
}) {
  const { view } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const roles = STAFF_ROLES.map((value) => ({ value, label: codeLabel(t, value) }));
  return (
    <ConsoleLayout view={view} title={t.t('console.staff.title')} active="settings" notice={props.notice}>
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          name: t.t('console.common.name'),
          email: t.t('console.common.email'),
          role: t.t('console.settings.role'),
          locale: t.t('console.staff.locale'),
          password: t.t('console.settings.password'),
        }}
      />
      <p>
        <a href="/console/settings">{t.t('console.settings.title')}</a>
      </p>
      <section class="card" aria-labelledby="h-staff">
        <h2 id="h-staff">{t.t('console.settings.staff')}</h2>
        <div class="table-wrap">
          <table id="staff">
            <thead>
              <tr>
                <th scope="col">{t.t('console.common.name')}</th>
                <th scope="col">{t.t('console.common.email')}</th>
                <th scope="col">{t.t('console.settings.role')}</th>
                <th scope="col">{t.t('console.common.status')}</th>
                <th scope="col">{t.t('console.common.actions')}</th>
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
                  <td>
                    <ul class="items">
                      <li>
                        {row.deactivatedAt
                          ? t.t('console.staff.deactivatedSince', {
                              when: formatDateTime(row.deactivatedAt, t),
                            })
                          : t.t('console.staff.active')}
                      </li>
                      <li>
                        {row.totpEnabledAt
                          ? t.t('console.staff.twoFactorOn')
                          : t.t('console.staff.twoFactorOff')}
                      </li>
                      {row.passwordChangeRequired ? <li>{t.t('console.staff.mustChange')}</li> : null}
                    </ul>
                  </td>
                  <td>
                    <div class="actions">
                      {row.id === props.selfId ? null : row.deactivatedAt ? (
                        <form
                          method="post"
                          action={`/console/settings/staff/${row.id}/reactivate`}
                          class="inline"
                        >
                          <CsrfField view={view} />
                          <button
                            type="submit"
                            class="secondary"
                            aria-label={`${t.t('console.staff.reactivate')}: ${row.name}`}
                          >
                            {t.t('console.staff.reactivate')}
                          </button>
                        </form>
                      ) : (
                        <form
                          method="post"
                          action={`/console/settings/staff/${row.id}/deactivate`}
                          class="inline"
                        >
                          <CsrfField view={view} />
                          <button
                            type="submit"
                            class="danger"
                            aria-label={`${t.t('console.staff.deactivate')}: ${row.name}`}
                          >
                            {t.t('console.staff.deactivate')}
                          </button>
                        </form>
                      )}
                      {row.deactivatedAt ? null : (
                        <form
                          method="post"
                          action={`/console/settings/staff/${row.id}/password-reset`}
                          class="inline"
                        >
                          <CsrfField view={view} />
                          <button
                            type="submit"
                            class="secondary"
                            aria-label={`${t.t('console.staff.sendReset')}: ${row.name}`}
                          >
                            {t.t('console.staff.sendReset')}
                          </button>
                        </form>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <form method="post" action="/console/settings/staff" class="card" noValidate>
        <CsrfField view={view} />
        <h2>{t.t('console.settings.addStaff')}</h2>
        <p class="muted">{t.t('console.staff.firstPasswordHint')}</p>
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
          <SelectField
            label={t.t('console.staff.locale')}
            name="locale"
            choices={[
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ]}
            value="de"
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
      <form method="post" action="/console/settings/staff/security" class="card">
        <CsrfField view={view} />
        <h2>{t.t('console.staff.security')}</h2>
        <p>
          <label class="inline">
            <input type="checkbox" name="totpRequired" value="yes" checked={props.totpRequired} />{' '}
            {t.t('console.staff.totpRequired')}
          </label>
        </p>
        <p>
          <button type="submit">{t.t('console.form.save')}</button>
        </p>
      </form>
    </ConsoleLayout>
  );
}
