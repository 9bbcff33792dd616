import type { FieldError } from '../../../common/validation';
import {
  CONTACT_CHANNELS,
  CONTACT_PERSON_RELATIONSHIPS,
  SALUTATIONS,
  type HelpSeeker,
} from '../../../help-seekers/help-seeker.entity';
import {
  codeLabel,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  type ConsoleView,
} from '../view';
import { relationshipLabel, salutationLabel } from './request-edit.page';
import { PriorityGroupsField } from './statistics-fields';

/** The help-seeker edit form's fields, as strings (from the record, or as posted after an error). */
export interface SeekerEditForm {
  name: string;
  salutation: string;
  phone: string;
  email: string;
  preferredContact: string;
  preferredLanguage: string;
  streetAddress: string;
  postalCode: string;
  accessibilityNeeds: string;
  healthDataConsent: boolean;
  priorityGroups: string[];
  contactPersonName: string;
  contactPersonRelationship: string;
  contactPersonPhone: string;
}

export function seekerEditForm(seeker: HelpSeeker): SeekerEditForm {
  return {
    name: seeker.name,
    salutation: seeker.salutation,
    phone: seeker.phone ?? '',
    email: seeker.email ?? '',
    preferredContact: seeker.preferredContact,
    preferredLanguage: seeker.preferredLanguage,
    streetAddress: seeker.streetAddress ?? '',
    postalCode: seeker.postalCode,
    accessibilityNeeds: seeker.accessibilityNeeds.join(', '),
    healthDataConsent: false,
    priorityGroups: seeker.priorityGroups,
    contactPersonName: seeker.contactPersonName ?? '',
    contactPersonRelationship: seeker.contactPersonRelationship ?? '',
    contactPersonPhone: seeker.contactPersonPhone ?? '',
  };
}

export function SeekerEditPage(props: {
  view: ConsoleView;
  seekerId: string;
  /** The request staff came from: the form returns there. */
  back: string | null;
  consentOnRecord: boolean;
  form: SeekerEditForm;
  notice?: string | null;
  problems?: FieldError[];
}) {
  const { view, form } = props;
  const { t } = view;
  const problems = (props.problems ?? []).map((problem) => ({
    ...problem,
    field: problem.field.startsWith('accessibilityNeeds')
      ? 'accessibilityNeeds'
      : problem.field.startsWith('priorityGroups')
        ? 'priorityGroups'
        : problem.field,
  }));
  return (
    <ConsoleLayout
      view={view}
      title={`${t.t('console.seekerEdit.title')}: ${form.name}`}
      active="today"
      notice={props.notice}
    >
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          name: t.t('console.common.name'),
          salutation: t.t('console.seekerEdit.salutation'),
          phone: t.t('console.intake.phone'),
          email: t.t('console.intake.email'),
          preferredContact: t.t('console.intake.preferredContact'),
          preferredLanguage: t.t('console.intake.language'),
          streetAddress: t.t('console.intake.street'),
          postalCode: t.t('console.seekerEdit.postalCode'),
          accessibilityNeeds: t.t('console.seekerEdit.needs'),
          healthDataConsent: t.t('console.seekerEdit.consent'),
          priorityGroups: t.t('console.statistics.priorityGroups'),
          contactPersonName: t.t('console.seekerEdit.contactPersonName'),
          contactPersonRelationship: t.t('console.seekerEdit.relationship'),
          contactPersonPhone: t.t('console.seekerEdit.contactPersonPhone'),
        }}
      />
      <form method="post" action={`/console/help-seekers/${props.seekerId}/edit`} class="card" novalidate>
        <CsrfField view={view} />
        {props.back ? <input type="hidden" name="back" value={props.back} /> : null}
        <div class="row">
          <SelectField
            label={t.t('console.seekerEdit.salutation')}
            name="salutation"
            choices={SALUTATIONS.map((value) => ({ value, label: salutationLabel(t, value) }))}
            value={form.salutation}
            problems={problems}
          />
          <InputField
            label={t.t('console.common.name')}
            name="name"
            value={form.name}
            problems={problems}
            required
            attrs={{ autocomplete: 'off' }}
          />
        </div>
        <div class="row">
          <InputField
            label={t.t('console.intake.phone')}
            name="phone"
            type="tel"
            value={form.phone}
            problems={problems}
          />
          <InputField
            label={t.t('console.intake.email')}
            name="email"
            type="email"
            value={form.email}
            problems={problems}
          />
        </div>
        <div class="row">
          <SelectField
            label={t.t('console.intake.preferredContact')}
            name="preferredContact"
            choices={CONTACT_CHANNELS.map((value) => ({ value, label: codeLabel(t, value) }))}
            value={form.preferredContact}
            problems={problems}
          />
          <InputField
            label={t.t('console.intake.language')}
            name="preferredLanguage"
            value={form.preferredLanguage}
            problems={problems}
            attrs={{ maxlength: 3 }}
          />
        </div>
        <div class="row">
          <InputField
            label={t.t('console.intake.street')}
            name="streetAddress"
            value={form.streetAddress}
            problems={problems}
          />
          <InputField
            label={t.t('console.seekerEdit.postalCode')}
            name="postalCode"
            value={form.postalCode}
            problems={problems}
            required
            attrs={{ inputmode: 'numeric', maxlength: 5 }}
          />
        </div>
        <fieldset>
          <legend>{t.t('console.seekerEdit.needs')}</legend>
          <p class="muted" id="consent-hint">
            {t.t('console.seekerEdit.consentHint')}
          </p>
          <InputField
            label={t.t('console.seekerEdit.needs')}
            name="accessibilityNeeds"
            value={form.accessibilityNeeds}
            problems={problems}
            attrs={{ 'aria-describedby': 'consent-hint' }}
          />
          {props.consentOnRecord ? (
            <p id="consent-on-record">{t.t('console.seekerEdit.consentOnRecord')}</p>
          ) : (
            <label class="inline">
              <input
                type="checkbox"
                name="healthDataConsent"
                value="on"
                id="field-healthDataConsent"
                checked={form.healthDataConsent}
              />{' '}
              {t.t('console.seekerEdit.consent')}
            </label>
          )}
        </fieldset>
        <PriorityGroupsField t={t} selected={form.priorityGroups} problems={problems} />
        <fieldset>
          <legend>{t.t('console.seekerEdit.contactPerson')}</legend>
          <p class="muted">{t.t('console.seekerEdit.contactPersonHint')}</p>
          <div class="row">
            <InputField
              label={t.t('console.seekerEdit.contactPersonName')}
              name="contactPersonName"
              value={form.contactPersonName}
              problems={problems}
              attrs={{ autocomplete: 'off' }}
            />
            <SelectField
              label={t.t('console.seekerEdit.relationship')}
              name="contactPersonRelationship"
              choices={[
                { value: '', label: t.t('console.seekerEdit.relationship.none') },
                ...CONTACT_PERSON_RELATIONSHIPS.map((value) => ({
                  value,
                  label: relationshipLabel(t, value),
                })),
              ]}
              value={form.contactPersonRelationship}
              problems={problems}
            />
            <InputField
              label={t.t('console.seekerEdit.contactPersonPhone')}
              name="contactPersonPhone"
              type="tel"
              value={form.contactPersonPhone}
              problems={problems}
            />
          </div>
        </fieldset>
        <p>
          <button type="submit">{t.t('console.form.save')}</button>{' '}
          {props.back ? (
            <a href={`/console/requests/${props.back}`}>{t.t('console.seekerEdit.back')}</a>
          ) : null}
        </p>
      </form>
    </ConsoleLayout>
  );
}
