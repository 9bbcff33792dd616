import { codeLabel } from '../i18n';
import type { FieldError } from '../../common/validation';
import { CONTACT_CHANNELS } from '../../help-seekers/help-seeker.entity';
import { URGENCIES } from '../../help-seekers/help-request.entity';
import {
  consoleLayout,
  csrfField,
  e,
  errorSummary,
  inputField,
  selectField,
  textareaField,
  type ConsoleView,
} from '../view';
import { choicesOf, type Labels } from './labels';

/** The intake form's fields, flat, as the browser sends them. */
export interface IntakeForm {
  name: string;
  phone: string;
  email: string;
  streetAddress: string;
  postalCode: string;
  preferredContact: string;
  preferredLanguage: string;
  category: string;
  description: string;
  date: string;
  start: string;
  end: string;
  urgency: string;
  neededLanguage: string;
  consent: string;
  helpSeekerId: string;
}

export const EMPTY_INTAKE: IntakeForm = {
  name: '',
  phone: '',
  email: '',
  streetAddress: '',
  postalCode: '',
  preferredContact: 'phone',
  preferredLanguage: 'de',
  category: '',
  description: '',
  date: '',
  start: '10:00',
  end: '11:00',
  urgency: 'normal',
  neededLanguage: '',
  consent: '',
  helpSeekerId: '',
};

export interface DuplicateCandidate {
  id: string;
  name: string;
  phone: string | null;
  postalCode: string;
  email: string | null;
}

export function renderIntakePage(
  view: ConsoleView,
  labels: Labels,
  form: IntakeForm,
  options: { errors?: FieldError[]; duplicates?: DuplicateCandidate[] } = {},
): string {
  const { t } = view;
  const errors = options.errors ?? [];
  const field = (
    key: keyof IntakeForm,
    label: string,
    errorField: string,
    extra: Partial<Parameters<typeof inputField>[2]> = {},
  ) => inputField(label, key, { value: form[key], errors, errorField, ...extra });
  const duplicates = options.duplicates?.length
    ? `<fieldset class="alert"><legend>${e(t('intake.duplicates'))}</legend><p>${e(t('intake.duplicatesHint'))}</p>${options.duplicates
        .map(
          (candidate) =>
            `<label class="inline"><input type="radio" name="helpSeekerId" value="${e(candidate.id)}"> ${e(t('intake.useExisting'))}: ${e(candidate.name)}, ${e(candidate.phone ?? '–')}, ${e(candidate.postalCode)}${candidate.email ? `, ${e(candidate.email)}` : ''}</label>`,
        )
        .join(
          '<br>',
        )}<br><label class="inline"><input type="radio" name="helpSeekerId" value="new" required> ${e(t('intake.createNew'))}</label></fieldset>`
    : '';
  const categories = [{ value: '', label: '–' }, ...choicesOf(labels.taxonomy, 'categories', view.lang)];
  return consoleLayout(view, {
    title: t('intake.title'),
    active: 'intake',
    body: `${errorSummary(view, errors)}<form method="post" action="/console/intake" class="card" novalidate>${csrfField(view)}
${duplicates}
<fieldset><legend>${e(t('intake.person'))}</legend>
<div class="row">${field('name', t('intake.name'), 'helpSeeker.name', { required: true, attrs: 'autofocus autocomplete="off"' })}${field('phone', t('intake.phone'), 'helpSeeker.phone', { type: 'tel', attrs: 'autocomplete="off"' })}</div>
<div class="row">${field('streetAddress', t('intake.street'), 'helpSeeker.streetAddress', { attrs: 'autocomplete="off"' })}${field('postalCode', t('intake.postalCode'), 'postalCode', { required: true, attrs: 'inputmode="numeric" maxlength="5" pattern="[0-9]{5}" autocomplete="off"' })}</div>
<div class="row">${field('email', t('intake.email'), 'helpSeeker.email', { type: 'email', attrs: 'autocomplete="off"' })}${selectField(
      t('intake.preferredContact'),
      'preferredContact',
      CONTACT_CHANNELS.map((value) => ({ value, label: codeLabel(t, value) })),
      { value: form.preferredContact, errors, errorField: 'helpSeeker.preferredContact' },
    )}${field('preferredLanguage', t('intake.language'), 'helpSeeker.preferredLanguage', { attrs: 'maxlength="3"' })}</div>
</fieldset>
<fieldset><legend>${e(t('intake.request'))}</legend>
${selectField(t('intake.category'), 'category', categories, { value: form.category, errors, required: true })}
${textareaField(t('intake.description'), 'description', { value: form.description, errors, required: true })}
<div class="row">${field('date', t('intake.date'), 'schedule.date', { type: 'date', required: true })}${field('start', t('intake.start'), 'schedule.start', { type: 'time', required: true })}${field('end', t('intake.end'), 'schedule.end', { type: 'time', required: true })}</div>
<div class="row">${selectField(
      t('intake.urgency'),
      'urgency',
      URGENCIES.map((value) => ({ value, label: codeLabel(t, value) })),
      { value: form.urgency, errors },
    )}${field('neededLanguage', t('intake.neededLanguage'), 'neededLanguage', { attrs: 'maxlength="3"' })}</div>
</fieldset>
<p><label class="inline"><input type="checkbox" name="consent" value="yes"${form.consent === 'yes' ? ' checked' : ''} required> ${e(t('intake.consent'))}</label></p>
${errors.some((error) => error.field === 'consent.dataProcessing') ? `<p class="error">${e(errors.find((error) => error.field === 'consent.dataProcessing')?.message ?? '')}</p>` : ''}
<p><button type="submit">${e(t('intake.submit'))}</button></p>
</form>`,
  });
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Reads the posted form; anything not a string becomes empty. */
export function readIntakeForm(body: Record<string, unknown>): IntakeForm {
  const form = { ...EMPTY_INTAKE };
  for (const key of Object.keys(EMPTY_INTAKE) as (keyof IntakeForm)[]) {
    form[key] = text(body[key]);
  }
  return form;
}

/** The form as the phone-intake DTO; empty optional fields are left out, not sent as "". */
export function intakeToDto(form: IntakeForm): Record<string, unknown> {
  const optional = (value: string) => (value === '' ? undefined : value);
  return {
    category: form.category,
    description: form.description,
    postalCode: form.postalCode,
    neededLanguage: optional(form.neededLanguage),
    urgency: optional(form.urgency),
    schedule: { kind: 'one-off', date: form.date, start: form.start, end: form.end },
    helpSeeker: {
      name: form.name,
      phone: optional(form.phone),
      email: optional(form.email),
      streetAddress: optional(form.streetAddress),
      preferredContact: form.preferredContact,
      preferredLanguage: optional(form.preferredLanguage),
    },
    consent: { dataProcessing: form.consent === 'yes' },
  };
}
