import type { FieldError } from '../../common/validation';
import { CRITERIA } from '../../matching/domain/types';
import type { MatchingSettings } from '../../settings/matching-settings.service';
import { STAFF_ROLES } from '../../staff/staff-user.entity';
import { formatDateTime } from '../format';
import { codeLabel } from '../i18n';
import {
  consoleLayout,
  csrfField,
  e,
  errorSummary,
  inputField,
  selectField,
  type ConsoleView,
} from '../view';
import { CRITERION_LABELS } from './request.page';

export interface StaffRow {
  id: string;
  name: string;
  email: string;
  role: string;
  createdAt: Date;
}

export function renderSettingsPage(
  view: ConsoleView,
  settings: MatchingSettings,
  staff: StaffRow[],
  options: { errors?: FieldError[]; notice?: string | null } = {},
): string {
  const { t } = view;
  const errors = options.errors ?? [];
  const weights = CRITERIA.map((criterion) =>
    inputField(CRITERION_LABELS[criterion][view.lang], `weight.${criterion}`, {
      value: settings.policy.weights[criterion],
      type: 'number',
      errors,
      errorField: `policy.weights.${criterion}`,
      attrs: 'min="0" step="0.05"',
    }),
  ).join('');
  const matching = `<form method="post" action="/console/settings/matching" class="card" novalidate>${csrfField(view)}
<fieldset><legend>${e(t('settings.weights'))}</legend><div class="row">${weights}</div></fieldset>
<fieldset><legend>${e(t('settings.caps'))}</legend><div class="row">
${inputField(t('settings.maxProposals'), 'maxProposals', { value: settings.policy.maxProposals, type: 'number', errors, errorField: 'policy.maxProposals', attrs: 'min="1" max="20"' })}
${inputField(t('settings.offerResponseHours'), 'offerResponseHours', { value: settings.offerResponseHours, type: 'number', errors, attrs: 'min="1" max="336"' })}</div>
<p><label class="inline"><input type="checkbox" name="autoOffer" value="yes"${settings.autoOffer ? ' checked' : ''}> ${e(t('settings.autoOffer'))}</label></p></fieldset>
<p><button type="submit">${e(t('form.save'))}</button></p></form>`;
  const staffTable = `<div class="table-wrap"><table id="staff"><thead><tr><th scope="col">${e(t('common.name'))}</th><th scope="col">${e(t('common.email'))}</th><th scope="col">${e(t('settings.role'))}</th><th scope="col">${e(t('mail.created'))}</th></tr></thead><tbody>${staff
    .map(
      (row) =>
        `<tr><td>${e(row.name)}</td><td>${e(row.email)}</td><td><form method="post" action="/console/settings/staff/${e(row.id)}/role" class="actions">${csrfField(view)}<label for="role-${e(row.id)}" class="visually-hidden">${e(t('settings.role'))}: ${e(row.name)}</label><select id="role-${e(row.id)}" name="role">${STAFF_ROLES.map((role) => `<option value="${role}"${role === row.role ? ' selected' : ''}>${e(codeLabel(t, role))}</option>`).join('')}</select><button type="submit" class="secondary" aria-label="${e(t('settings.changeRole'))}: ${e(row.name)}">${e(t('settings.changeRole'))}</button></form></td><td>${e(formatDateTime(row.createdAt, view.lang))}</td></tr>`,
    )
    .join('')}</tbody></table></div>`;
  const addStaff = `<form method="post" action="/console/settings/staff">${csrfField(view)}<h3>${e(t('settings.addStaff'))}</h3><div class="row">
${inputField(t('common.name'), 'name', { errors, required: true })}${inputField(t('common.email'), 'email', { type: 'email', errors, required: true })}</div><div class="row">
${selectField(
  t('settings.role'),
  'role',
  STAFF_ROLES.map((value) => ({ value, label: codeLabel(t, value) })),
  { value: 'coordinator', errors },
)}
${inputField(t('settings.password'), 'password', { type: 'password', errors, required: true, attrs: 'minlength="10" autocomplete="new-password"' })}</div>
<p><button type="submit" class="secondary">${e(t('settings.addStaff'))}</button></p></form>`;
  return consoleLayout(view, {
    title: t('settings.title'),
    active: 'settings',
    notice: options.notice,
    body: `${errorSummary(view, errors)}${matching}<section class="card" aria-labelledby="h-staff"><h2 id="h-staff">${e(t('settings.staff'))}</h2>${staffTable}${addStaff}</section>`,
  });
}
