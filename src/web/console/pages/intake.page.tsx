import { Fragment } from 'preact';
import type { FieldError } from '../../../common/validation';
import { URGENCIES } from '../../../help-seekers/help-request.entity';
import {
  CONTACT_CHANNELS,
  CONTACT_PERSON_RELATIONSHIPS,
  SALUTATIONS,
} from '../../../help-seekers/help-seeker.entity';
import type { Translator } from '../../../i18n';
import { FORM_LANGUAGES } from '../../../shared/parts-of-day';
import { FieldMessage, fieldAria } from '../../forms/field-messages';
import { formList, formText } from '../../forms/form-path';
import {
  CheckboxGroup,
  codeLabel,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  TextareaField,
  type Choice,
  type ConsoleView,
} from '../view';
import { choicesOf, type Labels } from './labels';
import { PriorityGroupsField } from './statistics-fields';

const SALUTATION_LABELS = {
  frau: 'console.intake.salutationFrau',
  herr: 'console.intake.salutationHerr',
  none: 'console.intake.salutationNone',
} as const;
const RELATIONSHIP_LABELS = {
  relative: 'console.intake.relationshipRelative',
  neighbour: 'console.intake.relationshipNeighbour',
  'care-service': 'console.intake.relationshipCareService',
  'legal-guardian': 'console.intake.relationshipLegalGuardian',
  other: 'console.intake.relationshipOther',
} as const;
const NEED_LABELS = {
  wheelchair: 'console.intake.needWheelchair',
  walker: 'console.intake.needWalker',
  hearing: 'console.intake.needHearing',
  vision: 'console.intake.needVision',
  'easy-language': 'console.intake.needEasyLanguage',
  dementia: 'console.intake.needDementia',
} as const;

/** How many weekly rows the form shows (without JavaScript every row is on the page). */
export const WEEKLY_ROWS = 4;
/** Accessibility needs staff can record (health data: only with the oral Art. 9 consent). */
export const INTAKE_NEEDS = [
  'wheelchair',
  'walker',
  'hearing',
  'vision',
  'easy-language',
  'dementia',
] as const;

export interface WeeklyRow {
  weekday: string;
  start: string;
  end: string;
}

/** The intake form's fields, as the browser sends them (lists for the checkboxes). */
export interface IntakeForm {
  /** A provider's request instead of a help-seeker's. */
  providerId: string;
  /** A known person (search or duplicate check), 'new' for a deliberate new one. */
  helpSeekerId: string;
  /** A call-back being completed. */
  callBackId: string;
  /** The person search ("Bekannte Person suchen") and what was searched last. */
  q: string;
  searched: string;
  salutation: string;
  name: string;
  phone: string;
  email: string;
  streetAddress: string;
  postalCode: string;
  preferredContact: string;
  preferredLanguage: string;
  onBehalf: string;
  contactName: string;
  contactRelationship: string;
  contactPhone: string;
  category: string;
  description: string;
  volunteerSummary: string;
  scheduleKind: string;
  date: string;
  start: string;
  end: string;
  from: string;
  weekly: WeeklyRow[];
  skills: string[];
  neededLanguage: string;
  certificate: string;
  urgency: string;
  needs: string[];
  healthConsent: string;
  consent: string;
  /** Optional, for the statistics only (docs/reports.md). */
  priorityGroups: string[];
}

const TEXT_FIELDS = [
  'providerId',
  'helpSeekerId',
  'callBackId',
  'q',
  'searched',
  'salutation',
  'name',
  'phone',
  'email',
  'streetAddress',
  'postalCode',
  'preferredContact',
  'preferredLanguage',
  'onBehalf',
  'contactName',
  'contactRelationship',
  'contactPhone',
  'category',
  'description',
  'volunteerSummary',
  'scheduleKind',
  'date',
  'start',
  'end',
  'from',
  'neededLanguage',
  'certificate',
  'urgency',
  'healthConsent',
  'consent',
] as const satisfies readonly (keyof IntakeForm)[];

export const EMPTY_INTAKE: IntakeForm = {
  providerId: '',
  helpSeekerId: '',
  callBackId: '',
  q: '',
  searched: '',
  salutation: 'none',
  name: '',
  phone: '',
  email: '',
  streetAddress: '',
  postalCode: '',
  preferredContact: 'phone',
  preferredLanguage: 'de',
  onBehalf: '',
  contactName: '',
  contactRelationship: '',
  contactPhone: '',
  category: '',
  description: '',
  volunteerSummary: '',
  scheduleKind: 'one-off',
  date: '',
  start: '10:00',
  end: '11:00',
  from: '',
  weekly: [],
  skills: [],
  neededLanguage: '',
  certificate: 'default',
  urgency: 'normal',
  needs: [],
  healthConsent: '',
  consent: '',
  priorityGroups: [],
};

export interface PersonChoice {
  id: string;
  name: string;
  phone: string | null;
  postalCode: string;
  email: string | null;
}

export interface ProviderChoice {
  id: string;
  name: string;
}

/** Reads the posted form; anything not a string becomes empty; the weekly rows that were filled, in order. */
export function readIntakeForm(body: Record<string, unknown>): IntakeForm {
  const form: IntakeForm = { ...EMPTY_INTAKE, weekly: [], skills: [], needs: [], priorityGroups: [] };
  for (const key of TEXT_FIELDS) {
    form[key] = formText(body[key]) ?? '';
  }
  form.skills = formList(body.skills);
  form.needs = formList(body.needs);
  form.priorityGroups = formList(body.priorityGroups);
  for (let row = 0; row < 21; row++) {
    const weekday = formText(body[`weekday${row}`]) ?? '';
    const start = formText(body[`slotStart${row}`]) ?? '';
    const end = formText(body[`slotEnd${row}`]) ?? '';
    if (weekday || start || end) {
      form.weekly.push({ weekday, start, end });
    }
  }
  return form;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The schedule as the DTO takes it: one-off, or weekly with its first day and the filled rows. */
export function scheduleOf(form: IntakeForm): Record<string, unknown> {
  if (form.scheduleKind === 'weekly') {
    return {
      kind: 'weekly',
      from: optional(form.from),
      slots: form.weekly.map((row) => ({
        weekday: /^\d+$/.test(row.weekday) ? Number(row.weekday) : row.weekday,
        start: row.start,
        end: row.end,
      })),
    };
  }
  return { kind: form.scheduleKind || 'one-off', date: form.date, start: form.start, end: form.end };
}

/** What a request needs, for a help-seeker or a provider alike (StaffRequestDetailsDto). */
function requestDetailsOf(form: IntakeForm): Record<string, unknown> {
  return {
    category: form.category,
    description: form.description,
    volunteerSummary: optional(form.volunteerSummary),
    postalCode: form.postalCode.trim(),
    neededLanguage: optional(form.neededLanguage),
    neededSkills: form.skills.length > 0 ? form.skills : undefined,
    requiresCertificate: form.certificate === 'yes' ? true : form.certificate === 'no' ? false : undefined,
    urgency: optional(form.urgency),
    schedule: scheduleOf(form),
  };
}

/** The form as the phone-intake DTO (StaffHelpRequestDto); empty optional fields are left out. */
export function intakeToDto(form: IntakeForm): Record<string, unknown> {
  return {
    ...requestDetailsOf(form),
    helpSeeker: {
      salutation: optional(form.salutation),
      name: form.name,
      phone: optional(form.phone),
      email: optional(form.email),
      streetAddress: optional(form.streetAddress),
      preferredContact: form.preferredContact,
      preferredLanguage: optional(form.preferredLanguage),
      accessibilityNeeds: form.needs.length > 0 ? form.needs : undefined,
      priorityGroups: form.priorityGroups.length > 0 ? form.priorityGroups : undefined,
      contactPerson:
        form.onBehalf === 'yes'
          ? {
              name: form.contactName.trim(),
              relationship: form.contactRelationship,
              phone: form.contactPhone.trim(),
            }
          : undefined,
    },
    consent: {
      dataProcessing: form.consent === 'yes',
      healthData: form.healthConsent === 'yes' || undefined,
    },
  };
}

/** The form as a provider's request (ProviderHelpRequestDto): no help-seeker, street optional. */
export function intakeToProviderDto(form: IntakeForm): Record<string, unknown> {
  return { ...requestDetailsOf(form), streetAddress: optional(form.streetAddress) };
}

/** Language codes as names in the page's language ("Türkisch"), the agency's usual ones first. */
export function languageChoices(t: Translator, extra: string[] = []): Choice[] {
  const names = new Intl.DisplayNames([t.locale], { type: 'language' });
  return [...new Set([...FORM_LANGUAGES, ...extra.filter(Boolean)])].map((code) => ({
    value: code,
    label: (() => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    })(),
  }));
}

/** ISO weekdays 1–7 by name in the page's language (1 January 2024 was a Monday). */
export function weekdayChoices(t: Translator): Choice[] {
  const format = new Intl.DateTimeFormat(t.locale, { weekday: 'long', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, index) => ({
    value: String(index + 1),
    label: format.format(new Date(Date.UTC(2024, 0, 1 + index))),
  }));
}

function Checkbox(props: {
  name: string;
  field: string;
  checked: boolean;
  label: string;
  problems: FieldError[];
  value?: string;
  describedBy?: string;
}) {
  const aria = fieldAria(props.field, props.problems, props.describedBy);
  return (
    <div>
      <label class="inline">
        <input
          {...aria}
          type="checkbox"
          name={props.name}
          value={props.value ?? 'yes'}
          checked={props.checked}
        />{' '}
        {props.label}
      </label>
      <FieldMessage problems={props.problems} field={props.field} />
    </div>
  );
}

/** The fields in page order, so the summary at the top lists the problems as the form goes. */
const PAGE_ORDER = [
  'helpSeekerId',
  'providerId',
  'helpSeeker.salutation',
  'helpSeeker.name',
  'helpSeeker.phone',
  'helpSeeker.email',
  'helpSeeker.preferredContact',
  'helpSeeker.preferredLanguage',
  'helpSeeker.streetAddress',
  'streetAddress',
  'postalCode',
  'helpSeeker.contactPerson',
  'category',
  'description',
  'volunteerSummary',
  'schedule',
  'neededSkills',
  'neededLanguage',
  'requiresCertificate',
  'urgency',
  'helpSeeker.accessibilityNeeds',
  'consent.healthData',
  'consent',
];

export function inPageOrder(problems: FieldError[]): FieldError[] {
  const rank = (field: string) => {
    const index = PAGE_ORDER.findIndex((known) => field === known || field.startsWith(`${known}.`));
    return index === -1 ? PAGE_ORDER.length : index;
  };
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem.field) - rank(b.problem.field) || a.index - b.index)
    .map(({ problem }) => problem);
}

/** Each problem's field in words, for the summary at the top. */
function summaryLabels(t: Translator): Record<string, string> {
  const labels: Record<string, string> = {
    providerId: t.t('console.intake.provider'),
    helpSeekerId: t.t('console.intake.knownPerson'),
    'helpSeeker.salutation': t.t('console.intake.salutation'),
    'helpSeeker.name': t.t('console.intake.name'),
    'helpSeeker.phone': t.t('console.intake.phone'),
    'helpSeeker.email': t.t('console.intake.email'),
    'helpSeeker.streetAddress': t.t('console.intake.street'),
    'helpSeeker.preferredContact': t.t('console.intake.preferredContact'),
    'helpSeeker.preferredLanguage': t.t('console.intake.preferredLanguage'),
    'helpSeeker.accessibilityNeeds': t.t('console.intake.needs'),
    'helpSeeker.priorityGroups': t.t('console.statistics.priorityGroups'),
    'helpSeeker.contactPerson': t.t('console.intake.onBehalf'),
    'helpSeeker.contactPerson.name': t.t('console.intake.contactName'),
    'helpSeeker.contactPerson.relationship': t.t('console.intake.contactRelationship'),
    'helpSeeker.contactPerson.phone': t.t('console.intake.contactPhone'),
    streetAddress: t.t('console.intake.street'),
    postalCode: t.t('console.intake.postalCode'),
    category: t.t('console.intake.category'),
    description: t.t('console.intake.description'),
    volunteerSummary: t.t('console.intake.volunteerSummary'),
    schedule: t.t('console.intake.schedule'),
    'schedule.kind': t.t('console.intake.schedule'),
    'schedule.date': t.t('console.intake.date'),
    'schedule.start': t.t('console.intake.start'),
    'schedule.end': t.t('console.intake.end'),
    'schedule.from': t.t('console.intake.from'),
    'schedule.slots': t.t('console.intake.weeklySlots'),
    neededSkills: t.t('console.intake.skills'),
    neededLanguage: t.t('console.intake.neededLanguageName'),
    requiresCertificate: t.t('console.intake.certificate'),
    urgency: t.t('console.intake.urgency'),
    consent: t.t('console.request.consent'),
    'consent.dataProcessing': t.t('console.request.consent'),
    'consent.healthData': t.t('console.intake.healthConsent'),
  };
  for (let row = 0; row < WEEKLY_ROWS + 17; row++) {
    const line = t.t('console.intake.weeklyRow', { row: row + 1 });
    labels[`schedule.slots.${row}.weekday`] = `${line}, ${t.t('console.intake.weekday')}`;
    labels[`schedule.slots.${row}.start`] = `${line}, ${t.t('console.intake.slotStart')}`;
    labels[`schedule.slots.${row}.end`] = `${line}, ${t.t('console.intake.slotEnd')}`;
    labels[`schedule.slots.${row}`] = line;
  }
  return labels;
}

/**
 * Phone intake in one keyboard-first form: who (a help-seeker, a known person, or a provider), the
 * request, when (one-off or weekly), who fits (skills, language, eFZ), urgency, and the consents.
 * Also used, prefilled, to complete a call-back after the call.
 */
export function IntakePage(props: {
  view: ConsoleView;
  labels: Labels;
  form: IntakeForm;
  problems?: FieldError[];
  duplicates?: PersonChoice[];
  found?: PersonChoice[];
  providers: ProviderChoice[];
  /** A call-back being completed: whose and what they wrote. */
  callBack?: { id: string; name: string; phone: string | null; note: string | null };
}) {
  const { view, form } = props;
  const { t } = view;
  const problems = inPageOrder(props.problems ?? []);
  const off = { autocomplete: 'off' };
  const known = props.callBack !== undefined || (form.helpSeekerId !== '' && form.helpSeekerId !== 'new');
  const weeklyRows: WeeklyRow[] = [
    ...form.weekly,
    ...Array.from({ length: Math.max(WEEKLY_ROWS - form.weekly.length, 1) }, () => ({
      weekday: '',
      start: '',
      end: '',
    })),
  ];
  const title = props.callBack ? t.t('console.callBack.completeTitle') : t.t('console.intake.title');
  const people = props.duplicates?.length ? props.duplicates : props.found;
  return (
    <ConsoleLayout view={view} title={title} active="intake">
      <FormErrors view={view} problems={problems} labels={summaryLabels(t)} />
      {props.callBack ? (
        <p class="card">
          {t.t('console.callBack.completeHint', {
            name: props.callBack.name,
            phone: props.callBack.phone ?? '–',
          })}
          {props.callBack.note ? (
            <>
              <br />
              {t.t('console.callBack.note')}: {props.callBack.note}
            </>
          ) : null}
        </p>
      ) : null}
      <form method="post" action="/console/intake" class="card" noValidate>
        <CsrfField view={view} />
        {/* The default button: Enter in the search field searches, Enter elsewhere saves. */}
        <button
          type="submit"
          name="intent"
          value="auto"
          tabIndex={-1}
          aria-hidden="true"
          class="visually-hidden"
        >
          {t.t('console.intake.submit')}
        </button>
        <input type="hidden" name="searched" value={form.q} />
        {props.callBack ? (
          <>
            <input type="hidden" name="callBackId" value={props.callBack.id} />
          </>
        ) : null}
        {!props.callBack ? (
          <fieldset>
            <legend>{t.t('console.intake.who')}</legend>
            <div class="row">
              <InputField
                label={t.t('console.intake.search')}
                name="q"
                type="search"
                value={form.q}
                problems={problems}
                attrs={{
                  autocomplete: 'off',
                  'aria-describedby': 'search-hint',
                  autofocus: problems.length === 0 && !people && !form.name,
                }}
              />
              <div>
                <button type="submit" name="intent" value="search" formNoValidate>
                  {t.t('console.intake.searchButton')}
                </button>
              </div>
            </div>
            <p class="hint" id="search-hint">
              {t.t('console.intake.searchHint')}
            </p>
            {people ? (
              <fieldset
                class={props.duplicates?.length ? 'alert' : undefined}
                id="field-helpSeekerId"
                tabIndex={-1}
              >
                <legend>
                  {props.duplicates?.length ? t.t('console.intake.duplicates') : t.t('console.intake.found')}
                </legend>
                <p>
                  {props.duplicates?.length
                    ? t.t('console.intake.duplicatesHint')
                    : t.t('console.intake.keepsTyped')}
                </p>
                {people.length === 0 ? <p>{t.t('console.intake.nobodyFound')}</p> : null}
                {people.map((candidate, index) => (
                  <Fragment key={candidate.id}>
                    <label class="inline">
                      <input
                        type="radio"
                        name="helpSeekerId"
                        value={candidate.id}
                        checked={form.helpSeekerId === candidate.id}
                        autofocus={index === 0 && problems.length === 0}
                      />{' '}
                      {t.t('console.intake.useExisting')}: {candidate.name}, {candidate.phone ?? '–'},{' '}
                      {candidate.postalCode}
                      {candidate.email ? `, ${candidate.email}` : ''}
                    </label>
                    <br />
                  </Fragment>
                ))}
                <label class="inline">
                  <input
                    type="radio"
                    name="helpSeekerId"
                    value="new"
                    checked={form.helpSeekerId === 'new' || form.helpSeekerId === ''}
                    autofocus={people.length === 0 && problems.length === 0}
                  />{' '}
                  {t.t('console.intake.createNew')}
                </label>
              </fieldset>
            ) : form.helpSeekerId ? (
              <input type="hidden" name="helpSeekerId" value={form.helpSeekerId} />
            ) : null}
            <SelectField
              label={t.t('console.intake.provider')}
              name="providerId"
              choices={[
                { value: '', label: t.t('console.intake.forHelpSeeker') },
                ...props.providers.map((provider) => ({ value: provider.id, label: provider.name })),
              ]}
              value={form.providerId}
              problems={problems}
              attrs={{ 'aria-describedby': 'provider-hint' }}
            />
            <p class="hint" id="provider-hint">
              {t.t('console.intake.providerHint')}
            </p>
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{t.t('console.intake.person')}</legend>
          {known ? <p class="hint">{t.t('console.intake.knownHint')}</p> : null}
          <div class="row">
            <SelectField
              label={t.t('console.intake.salutation')}
              name="salutation"
              field="helpSeeker.salutation"
              choices={SALUTATIONS.map((value) => ({ value, label: t.t(SALUTATION_LABELS[value]) }))}
              value={form.salutation}
              problems={problems}
            />
            <InputField
              label={t.t('console.intake.name')}
              name="name"
              field="helpSeeker.name"
              value={form.name}
              problems={problems}
              required
              attrs={{
                autofocus: problems.length === 0 && !people && Boolean(props.callBack),
                autocomplete: 'off',
              }}
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
            <SelectField
              label={t.t('console.intake.preferredLanguage')}
              name="preferredLanguage"
              field="helpSeeker.preferredLanguage"
              choices={languageChoices(t, [form.preferredLanguage])}
              value={form.preferredLanguage}
              problems={problems}
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
        </fieldset>
        <fieldset>
          <legend>{t.t('console.intake.onBehalfLegend')}</legend>
          <Checkbox
            name="onBehalf"
            field="helpSeeker.contactPerson"
            checked={form.onBehalf === 'yes'}
            label={t.t('console.intake.onBehalf')}
            problems={problems}
          />
          <div class="row">
            <InputField
              label={t.t('console.intake.contactName')}
              name="contactName"
              field="helpSeeker.contactPerson.name"
              value={form.contactName}
              problems={problems}
              attrs={off}
            />
            <SelectField
              label={t.t('console.intake.contactRelationship')}
              name="contactRelationship"
              field="helpSeeker.contactPerson.relationship"
              choices={[
                { value: '', label: '–' },
                ...CONTACT_PERSON_RELATIONSHIPS.map((value) => ({
                  value,
                  label: t.t(RELATIONSHIP_LABELS[value]),
                })),
              ]}
              value={form.contactRelationship}
              problems={problems}
            />
            <InputField
              label={t.t('console.intake.contactPhone')}
              name="contactPhone"
              field="helpSeeker.contactPerson.phone"
              type="tel"
              value={form.contactPhone}
              problems={problems}
              attrs={off}
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
          <TextareaField
            label={t.t('console.intake.volunteerSummary')}
            name="volunteerSummary"
            value={form.volunteerSummary}
            problems={problems}
            attrs={{ maxlength: 500, 'aria-describedby': 'summary-hint' }}
          />
          <p class="hint" id="summary-hint">
            {t.t('console.intake.volunteerSummaryHint')}
          </p>
        </fieldset>
        <fieldset id="field-schedule" tabIndex={-1}>
          <legend>{t.t('console.intake.schedule')}</legend>
          <FieldMessage problems={problems} field="schedule" />
          <div role="radiogroup" aria-label={t.t('console.intake.scheduleKind')}>
            <label class="inline">
              <input
                type="radio"
                name="scheduleKind"
                value="one-off"
                id="field-schedule-kind"
                checked={form.scheduleKind !== 'weekly'}
              />{' '}
              {t.t('console.intake.oneOff')}
            </label>{' '}
            <label class="inline">
              <input
                type="radio"
                name="scheduleKind"
                value="weekly"
                checked={form.scheduleKind === 'weekly'}
              />{' '}
              {t.t('console.intake.weekly')}
            </label>
          </div>
          <fieldset>
            <legend>{t.t('console.intake.oneOffLegend')}</legend>
            <div class="row">
              <InputField
                label={t.t('console.intake.date')}
                name="date"
                field="schedule.date"
                type="date"
                value={form.date}
                problems={problems}
              />
              <InputField
                label={t.t('console.intake.start')}
                name="start"
                field="schedule.start"
                type="time"
                value={form.start}
                problems={problems}
              />
              <InputField
                label={t.t('console.intake.end')}
                name="end"
                field="schedule.end"
                type="time"
                value={form.end}
                problems={problems}
              />
            </div>
          </fieldset>
          <fieldset id="field-schedule-slots" tabIndex={-1}>
            <legend>{t.t('console.intake.weeklyLegend')}</legend>
            <FieldMessage problems={problems} field="schedule.slots" />
            <InputField
              label={t.t('console.intake.from')}
              name="from"
              field="schedule.from"
              type="date"
              value={form.from}
              problems={problems}
            />
            {weeklyRows.map((row, index) => (
              <div
                class="row"
                key={index}
                role="group"
                aria-label={t.t('console.intake.weeklyRow', { row: index + 1 })}
              >
                <SelectField
                  label={`${t.t('console.intake.weekday')} (${index + 1})`}
                  name={`weekday${index}`}
                  field={`schedule.slots.${index}.weekday`}
                  choices={[{ value: '', label: '–' }, ...weekdayChoices(t)]}
                  value={row.weekday}
                  problems={problems}
                />
                <InputField
                  label={`${t.t('console.intake.slotStart')} (${index + 1})`}
                  name={`slotStart${index}`}
                  field={`schedule.slots.${index}.start`}
                  type="time"
                  value={row.start}
                  problems={problems}
                />
                <InputField
                  label={`${t.t('console.intake.slotEnd')} (${index + 1})`}
                  name={`slotEnd${index}`}
                  field={`schedule.slots.${index}.end`}
                  type="time"
                  value={row.end}
                  problems={problems}
                />
              </div>
            ))}
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>{t.t('console.intake.fits')}</legend>
          <CheckboxGroup
            legend={t.t('console.intake.skills')}
            name="skills"
            choices={choicesOf(props.labels.taxonomy, 'skills', t)}
            selected={form.skills}
            problems={problems}
          />
          <p class="hint">{t.t('console.intake.skillsHint')}</p>
          <div class="row">
            <SelectField
              label={t.t('console.intake.neededLanguageName')}
              name="neededLanguage"
              choices={[
                { value: '', label: t.t('console.intake.noLanguage') },
                ...languageChoices(t, [form.neededLanguage]),
              ]}
              value={form.neededLanguage}
              problems={problems}
            />
            <SelectField
              label={t.t('console.intake.certificate')}
              name="certificate"
              field="requiresCertificate"
              choices={[
                { value: 'default', label: t.t('console.intake.certificateDefault') },
                { value: 'yes', label: t.t('console.intake.certificateYes') },
                { value: 'no', label: t.t('console.intake.certificateNo') },
              ]}
              value={form.certificate}
              problems={problems}
            />
            <SelectField
              label={t.t('console.intake.urgency')}
              name="urgency"
              choices={URGENCIES.map((value) => ({ value, label: codeLabel(t, value) }))}
              value={form.urgency}
              problems={problems}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.t('console.intake.needsLegend')}</legend>
          <CheckboxGroup
            legend={t.t('console.intake.needs')}
            name="needs"
            choices={INTAKE_NEEDS.map((need) => ({ value: need, label: t.t(NEED_LABELS[need]) }))}
            selected={form.needs}
            problems={problems}
          />
          <Checkbox
            name="healthConsent"
            field="consent.healthData"
            checked={form.healthConsent === 'yes'}
            label={t.t('console.intake.healthConsent')}
            problems={problems}
          />
          <PriorityGroupsField
            t={t}
            selected={form.priorityGroups}
            problems={problems.map((problem) =>
              problem.field.startsWith('helpSeeker.priorityGroups')
                ? { ...problem, field: 'priorityGroups' }
                : problem,
            )}
          />
        </fieldset>
        <fieldset>
          <legend>{t.t('console.intake.consentLegend')}</legend>
          <Checkbox
            name="consent"
            field="consent.dataProcessing"
            checked={form.consent === 'yes'}
            label={t.t('console.intake.consent')}
            problems={problems}
          />
        </fieldset>
        <p>
          <button type="submit" name="intent" value="save">
            {props.callBack ? t.t('console.callBack.completeSubmit') : t.t('console.intake.submit')}
          </button>
        </p>
      </form>
    </ConsoleLayout>
  );
}

/** On the providers list: take a request for this provider (the intake form with it chosen). */
export function ProviderRequestLink(props: { view: ConsoleView; providerId: string; name: string }) {
  return (
    <>
      <br />
      <a href={`/console/intake?provider=${props.providerId}`}>
        {props.view.t.t('console.intake.forProvider', { name: props.name })}
      </a>
    </>
  );
}
