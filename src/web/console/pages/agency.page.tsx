import type { FieldError } from '../../../common/validation';
import type { MessageKey } from '../../../i18n';
import type { AgencyProfileDto } from '../../../settings/dto/agency-profile.dto';
import { AgencyContact } from '../../shell/agency-contact';
import { ConsoleLayout, CsrfField, FormErrors, InputField, TextareaField, type ConsoleView } from '../view';

/** The agency profile form, flat, as the browser sends it (every field a string). */
export type AgencyForm = Record<keyof AgencyProfileDto, string>;

const FIELDS: {
  name: keyof AgencyProfileDto;
  label: MessageKey;
  type?: string;
  long?: boolean;
  required: boolean;
}[] = [
  { name: 'name', label: 'console.agency.name', required: true },
  { name: 'street', label: 'console.agency.street', required: true },
  { name: 'postalCode', label: 'console.agency.postalCode', required: true },
  { name: 'city', label: 'console.agency.city', required: true },
  { name: 'phone', label: 'console.agency.phone', type: 'tel', required: true },
  { name: 'email', label: 'console.agency.email', type: 'email', required: true },
  { name: 'openingHours', label: 'console.agency.openingHours', required: true },
  { name: 'logoUrl', label: 'console.agency.logoUrl', required: false },
  { name: 'privacyPolicyUrl', label: 'console.agency.privacyPolicyUrl', required: false },
  { name: 'imprint', label: 'console.agency.imprint', long: true, required: true },
  {
    name: 'accessibilityStatement',
    label: 'console.agency.accessibilityStatement',
    long: true,
    required: true,
  },
];

export function agencyForm(profile: Partial<AgencyProfileDto>): AgencyForm {
  return Object.fromEntries(FIELDS.map((field) => [field.name, profile[field.name] ?? ''])) as AgencyForm;
}

/**
 * The agency's identity as every public page, email and letter shows it. Admins edit it; coordinators
 * see it (the form is read-only for them).
 */
export function AgencyPage(props: {
  view: ConsoleView;
  form: AgencyForm;
  saved: AgencyProfileDto;
  canEdit: boolean;
  problems?: FieldError[];
  notice?: string | null;
}) {
  const { view, form, canEdit } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  return (
    <ConsoleLayout view={view} title={t.t('console.agency.title')} active="settings" notice={props.notice}>
      <FormErrors
        view={view}
        problems={problems}
        labels={Object.fromEntries(FIELDS.map((field) => [field.name, t.t(field.label)]))}
      />
      <p>{t.t('console.agency.intro')}</p>
      <section class="card" aria-labelledby="h-agency-contact">
        <h2 id="h-agency-contact">{t.t('console.agency.contact')}</h2>
        <AgencyContact t={t} agency={props.saved} />
      </section>
      {canEdit ? null : <p class="notice">{t.t('console.agency.adminOnly')}</p>}
      <form method="post" action="/console/settings/agency" class="card" noValidate>
        <CsrfField view={view} />
        <fieldset disabled={!canEdit}>
          <legend>{t.t('console.agency.title')}</legend>
          {FIELDS.map((field) =>
            field.long ? (
              <TextareaField
                key={field.name}
                label={t.t(field.label)}
                name={field.name}
                value={form[field.name]}
                problems={problems}
                required={field.required}
              />
            ) : (
              <InputField
                key={field.name}
                label={t.t(field.label)}
                name={field.name}
                type={field.type}
                value={form[field.name]}
                problems={problems}
                required={field.required}
              />
            ),
          )}
          <p>
            <button type="submit">{t.t('console.form.save')}</button>
          </p>
        </fieldset>
      </form>
    </ConsoleLayout>
  );
}
