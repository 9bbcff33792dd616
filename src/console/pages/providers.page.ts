import type { FieldError } from '../../common/validation';
import {
  actionButton,
  checkboxGroup,
  consoleLayout,
  csrfField,
  e,
  errorSummary,
  inputField,
  type ConsoleView,
} from '../view';
import { choicesOf, type Labels } from './labels';

export interface ProviderForm {
  name: string;
  contactPerson: string;
  email: string;
  phone: string;
  streetAddress: string;
  postalCode: string;
  fieldsOfActivity: string[];
  active: boolean;
}

export const EMPTY_PROVIDER: ProviderForm = {
  name: '',
  contactPerson: '',
  email: '',
  phone: '',
  streetAddress: '',
  postalCode: '',
  fieldsOfActivity: [],
  active: true,
};

export interface ProviderRow extends Omit<ProviderForm, 'phone'> {
  phone: string | null;
  id: string;
  district: string | null;
  /** `pending`: signed up on the public pages, not yet checked by staff. */
  reviewStatus?: 'pending' | 'approved';
}

export function renderProviderListPage(
  view: ConsoleView,
  labels: Labels,
  providers: ProviderRow[],
  notice?: string | null,
): string {
  const { t } = view;
  const table = `<div class="table-wrap"><table id="providers"><thead><tr><th scope="col">${e(t('providers.name'))}</th><th scope="col">${e(t('providers.contactPerson'))}</th><th scope="col">${e(t('common.district'))}</th><th scope="col">${e(t('providers.fields'))}</th><th scope="col">${e(t('providers.active'))}</th></tr></thead><tbody>${providers
    .map(
      (provider) =>
        `<tr><td><a href="/console/providers/${e(provider.id)}">${e(provider.name)}</a></td><td>${e(provider.contactPerson)}<br><span class="muted">${e(provider.email)}</span></td><td>${e(provider.district ?? '')}</td><td>${e(provider.fieldsOfActivity.map(labels.field).join(', '))}</td><td>${
          provider.reviewStatus === 'pending'
            ? `${e(t('providers.pending'))} ${actionButton(view, `/console/providers/${provider.id}/approve`, t('providers.approve'))}`
            : e(t(provider.active ? 'common.yes' : 'common.no'))
        }</td></tr>`,
    )
    .join('')}</tbody></table></div>`;
  return consoleLayout(view, {
    title: t('providers.title'),
    active: 'providers',
    notice,
    body: `<p><a class="button" href="/console/providers/new">${e(t('providers.new'))}</a></p>${table}`,
  });
}

export function renderProviderFormPage(
  view: ConsoleView,
  labels: Labels,
  form: ProviderForm,
  options: { id?: string; errors?: FieldError[] } = {},
): string {
  const { t } = view;
  const errors = options.errors ?? [];
  const action = options.id ? `/console/providers/${options.id}` : '/console/providers';
  return consoleLayout(view, {
    title: options.id ? form.name : t('providers.new'),
    active: 'providers',
    body: `${errorSummary(view, errors)}<form method="post" action="${e(action)}" class="card">${csrfField(view)}
<div class="row">${inputField(t('providers.name'), 'name', { value: form.name, errors, required: true })}${inputField(t('providers.contactPerson'), 'contactPerson', { value: form.contactPerson, errors, required: true })}</div>
<div class="row">${inputField(t('providers.email'), 'email', { value: form.email, errors, type: 'email', required: true })}${inputField(t('providers.phone'), 'phone', { value: form.phone, errors, type: 'tel' })}</div>
<div class="row">${inputField(t('providers.street'), 'streetAddress', { value: form.streetAddress, errors, required: true })}${inputField(t('providers.postalCode'), 'postalCode', { value: form.postalCode, errors, required: true, attrs: 'inputmode="numeric" maxlength="5"' })}</div>
${checkboxGroup(t('providers.fields'), 'fieldsOfActivity', choicesOf(labels.taxonomy, 'fields', view.lang), form.fieldsOfActivity, errors)}
${options.id ? `<p><label class="inline"><input type="checkbox" name="active" value="yes"${form.active ? ' checked' : ''}> ${e(t('providers.active'))}</label></p>` : ''}
<p><button type="submit">${e(t('form.save'))}</button></p></form>`,
  });
}
