import { Fragment } from 'preact';
import type { FieldError } from '../../../common/validation';
import { URGENCIES } from '../../../help-seekers/help-request.entity';
import { CONTACT_CHANNELS } from '../../../help-seekers/help-seeker.entity';
import { FieldMessage } from '../../forms/field-messages';
import { formText } from '../../forms/form-path';
import {
  codeLabel,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  TextareaField,
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

export function IntakePage(props: {
  view: ConsoleView;
  labels: Labels;
  form: IntakeForm;
  problems?: FieldError[];
  duplicates?: DuplicateCandidate[];
}) {
  const { view, form } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const off = { autocomplete: 'off' };
  return (
    <ConsoleLayout view={view} title={t.t('console.intake.title')} active="intake">
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          'helpSeeker.name': t.t('console.intake.name'),
          'helpSeeker.phone': t.t('console.intake.phone'),
          'helpSeeker.email': t.t('console.intake.email'),
          'helpSeeker.streetAddress': t.t('console.intake.street'),
          'helpSeeker.preferredContact': t.t('console.intake.preferredContact'),
          'helpSeeker.preferredLanguage': t.t('console.intake.language'),
          postalCode: t.t('console.intake.postalCode'),
          category: t.t('console.intake.category'),
          description: t.t('console.intake.description'),
          schedule: t.t('console.intake.date'),
          urgency: t.t('console.intake.urgency'),
          neededLanguage: t.t('console.intake.neededLanguage'),
          consent: t.t('console.request.consent'),
        }}
      />
      <form method="post" action="/console/intake" class="card" noValidate>
        <CsrfField view={view} />
        {props.duplicates?.length ? (
          <fieldset class="alert">
            <legend>{t.t('console.intake.duplicates')}</legend>
            <p>{t.t('console.intake.duplicatesHint')}</p>
            {props.duplicates.map((candidate) => (
              <Fragment key={candidate.id}>
                <label class="inline">
                  <input type="radio" name="helpSeekerId" value={candidate.id} />{' '}
                  {t.t('console.intake.useExisting')}: {candidate.name}, {candidate.phone ?? '–'},{' '}
                  {candidate.postalCode}
                  {candidate.email ? `, ${candidate.email}` : ''}
                </label>
                <br />
              </Fragment>
            ))}
            <label class="inline">
              <input type="radio" name="helpSeekerId" value="new" required />{' '}
              {t.t('console.intake.createNew')}
            </label>
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{t.t('console.intake.person')}</legend>
          <div class="row">
            <InputField
              label={t.t('console.intake.name')}
              name="name"
              field="helpSeeker.name"
              value={form.name}
              problems={problems}
              required
              attrs={{ autofocus: true, autocomplete: 'off' }}
            />
            <InputField
              label={t.t('console.intake.phone')}
              name="phone"
              field="helpSeeker.phone"
              type="tel"
              value={form.phone}
              problems={problems}
              attrs={off}
            />
          </div>
          <div class="row">
            <InputField
              label={t.t('console.intake.street')}
              name="streetAddress"
              field="helpSeeker.streetAddress"
              value={form.streetAddress}
              problems={problems}
              attrs={off}
            />
            <InputField
              label={t.t('console.intake.postalCode')}
              name="postalCode"
              value={form.postalCode}
              problems={problems}
              required
              attrs={{ inputmode: 'numeric', maxlength: 5, autocomplete: 'off' }}
            />
          </div>
          <div class="row">
            <InputField
              label={t.t('console.intake.email')}
              name="email"
              field="helpSeeker.email"
              type="email"
              value={form.email}
              problems={problems}
              attrs={off}
            />
            <SelectField
              label={t.t('console.intake.preferredContact')}
              name="preferredContact"
              field="helpSeeker.preferredContact"
              choices={CONTACT_CHANNELS.map((value) => ({ value, label: codeLabel(t, value) }))}
              value={form.preferredContact}
              problems={problems}
            />
            <InputField
              label={t.t('console.intake.language')}
              name="preferredLanguage"
              field="helpSeeker.preferredLanguage"
              value={form.preferredLanguage}
              problems={problems}
              attrs={{ maxlength: 3 }}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.t('console.intake.request')}</legend>
          <SelectField
            label={t.t('console.intake.category')}
            name="category"
            choices={[{ value: '', label: '–' }, ...choicesOf(props.labels.taxonomy, 'categories', t)]}
            value={form.category}
            problems={problems}
            required
          />
          <TextareaField
            label={t.t('console.intake.description')}
            name="description"
            value={form.description}
            problems={problems}
            required
          />
          <div class="row">
            <InputField
              label={t.t('console.intake.date')}
              name="date"
              field="schedule.date"
              type="date"
              value={form.date}
              problems={problems}
              required
            />
            <InputField
              label={t.t('console.intake.start')}
              name="start"
              field="schedule.start"
              type="time"
              value={form.start}
              problems={problems}
              required
            />
            <InputField
              label={t.t('console.intake.end')}
              name="end"
              field="schedule.end"
              type="time"
              value={form.end}
              problems={problems}
              required
            />
          </div>
          <div class="row">
            <SelectField
              label={t.t('console.intake.urgency')}
              name="urgency"
              choices={URGENCIES.map((value) => ({ value, label: codeLabel(t, value) }))}
              value={form.urgency}
              problems={problems}
            />
            <InputField
              label={t.t('console.intake.neededLanguage')}
              name="neededLanguage"
              value={form.neededLanguage}
              problems={problems}
              attrs={{ maxlength: 3 }}
            />
          </div>
        </fieldset>
        <p>
          <label class="inline">
            <input
              type="checkbox"
              name="consent"
              value="yes"
              checked={form.consent === 'yes'}
              required
              id="field-consent-dataProcessing"
              aria-describedby={
                problems.some((p) => p.field === 'consent.dataProcessing')
                  ? 'field-consent-dataProcessing-error'
                  : undefined
              }
            />{' '}
            {t.t('console.intake.consent')}
          </label>
        </p>
        <FieldMessage problems={problems} field="consent.dataProcessing" />
        <p>
          <button type="submit">{t.t('console.intake.submit')}</button>
        </p>
      </form>
    </ConsoleLayout>
  );
}

/** Reads the posted form; anything not a string becomes empty. */
export function readIntakeForm(body: Record<string, unknown>): IntakeForm {
  const form = { ...EMPTY_INTAKE };
  for (const key of Object.keys(EMPTY_INTAKE) as (keyof IntakeForm)[]) {
    form[key] = formText(body[key]) ?? '';
  }
  return form;
}

/** The form as the phone-intake DTO (StaffHelpRequestDto); empty optional fields are left out. */
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
