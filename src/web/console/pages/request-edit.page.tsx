import type { FieldError } from '../../../common/validation';
import { isClosedRequestStatus, type HelpRequestStatus } from '../../../help-seekers/domain/request-status';
import type { HelpRequest } from '../../../help-seekers/help-request.entity';
import { URGENCIES } from '../../../help-seekers/help-request.entity';
import type { HelpSeeker } from '../../../help-seekers/help-seeker.entity';
import type { Translator } from '../../../i18n';
import type { RequestSchedule } from '../../../shared/schedule';
import { volunteerText } from '../../shell/volunteer-text';
import { availabilityLine } from '../format';
import {
  CheckboxGroup,
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

/** The request edit form's fields, as strings (from the request, or as posted after an error). */
export interface RequestEditForm {
  category: string;
  description: string;
  volunteerSummary: string;
  neededSkills: string[];
  neededLanguage: string;
  requiresCertificate: boolean;
  scheduleKind: string;
  date: string;
  start: string;
  end: string;
  from: string;
  slots: string;
  streetAddress: string;
  postalCode: string;
  urgency: string;
}

export function requestEditForm(request: HelpRequest, t: Translator): RequestEditForm {
  const schedule: RequestSchedule = request.schedule;
  return {
    category: request.category,
    description: request.description,
    volunteerSummary: request.volunteerSummary ?? '',
    neededSkills: request.neededSkills,
    neededLanguage: request.neededLanguage ?? '',
    requiresCertificate: request.requiresCertificate,
    scheduleKind: schedule.kind,
    date: schedule.kind === 'one-off' ? schedule.date : '',
    start: schedule.kind === 'one-off' ? schedule.start : '',
    end: schedule.kind === 'one-off' ? schedule.end : '',
    from: schedule.kind === 'weekly' ? (schedule.from ?? '') : '',
    slots: schedule.kind === 'weekly' ? availabilityLine(schedule.slots, t) : '',
    streetAddress: request.streetAddress ?? '',
    postalCode: request.postalCode,
    urgency: request.urgency,
  };
}

/**
 * A problem inside the weekly line ("schedule.slots.0.weekday") belongs next to that line; one
 * about the schedule as a whole ("schedule") next to the kind.
 */
function fieldOf(problem: FieldError): FieldError {
  if (problem.field.startsWith('schedule.slots')) {
    return { ...problem, field: 'schedule.slots' };
  }
  return problem.field === 'schedule' ? { ...problem, field: 'schedule.kind' } : problem;
}

export function RequestEditPage(props: {
  view: ConsoleView;
  labels: Labels;
  requestId: string;
  title: string;
  form: RequestEditForm;
  problems?: FieldError[];
}) {
  const { view, labels, form } = props;
  const { t } = view;
  const problems = (props.problems ?? []).map(fieldOf);
  const neutral = volunteerText(t, { volunteerSummary: null }, labels.category(form.category));
  return (
    <ConsoleLayout view={view} title={`${t.t('console.requestEdit.title')}: ${props.title}`} active="today">
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          category: t.t('console.request.category'),
          description: t.t('console.request.description'),
          volunteerSummary: t.t('console.requestEdit.volunteerSummary'),
          neededSkills: t.t('console.requestEdit.skills'),
          neededLanguage: t.t('console.intake.neededLanguage'),
          requiresCertificate: t.t('console.requestEdit.certificate'),
          schedule: t.t('console.requestEdit.schedule'),
          streetAddress: t.t('console.requestEdit.street'),
          postalCode: t.t('console.requestEdit.postalCode'),
          urgency: t.t('console.request.urgency'),
        }}
      />
      <form method="post" action={`/console/requests/${props.requestId}/edit`} class="card" novalidate>
        <CsrfField view={view} />
        <p class="muted">{t.t('console.requestEdit.matchingNote')}</p>
        <div class="row">
          <SelectField
            label={t.t('console.request.category')}
            name="category"
            choices={choicesOf(labels.taxonomy, 'categories', t)}
            value={form.category}
            problems={problems}
            required
          />
          <SelectField
            label={t.t('console.request.urgency')}
            name="urgency"
            choices={URGENCIES.map((value) => ({ value, label: codeLabel(t, value) }))}
            value={form.urgency}
            problems={problems}
          />
        </div>
        <TextareaField
          label={`${t.t('console.request.description')} (${t.t('console.requestEdit.descriptionHint')})`}
          name="description"
          value={form.description}
          problems={problems}
          required
        />
        <TextareaField
          label={t.t('console.requestEdit.volunteerSummary')}
          name="volunteerSummary"
          value={form.volunteerSummary}
          problems={problems}
          attrs={{ 'aria-describedby': 'volunteer-summary-hint', maxlength: 300 }}
        />
        <p class="muted" id="volunteer-summary-hint">
          {t.t('console.requestEdit.volunteerSummaryHint', { neutral })}
        </p>
        <CheckboxGroup
          legend={t.t('console.requestEdit.skills')}
          name="neededSkills"
          choices={choicesOf(labels.taxonomy, 'skills', t)}
          selected={form.neededSkills}
          problems={problems}
        />
        <div class="row">
          <InputField
            label={t.t('console.intake.neededLanguage')}
            name="neededLanguage"
            value={form.neededLanguage}
            problems={problems}
            attrs={{ maxlength: 3, autocomplete: 'off' }}
          />
          <div>
            <input type="hidden" name="requiresCertificateWas" value={form.requiresCertificate ? 'on' : ''} />
            <label class="inline">
              <input
                type="checkbox"
                name="requiresCertificate"
                value="on"
                id="field-requiresCertificate"
                checked={form.requiresCertificate}
              />{' '}
              {t.t('console.requestEdit.certificate')}
            </label>
          </div>
        </div>
        <fieldset>
          <legend>{t.t('console.requestEdit.schedule')}</legend>
          <SelectField
            label={t.t('console.requestEdit.scheduleKind')}
            name="scheduleKind"
            field="schedule.kind"
            choices={[
              { value: 'one-off', label: t.t('console.requestEdit.oneOff') },
              { value: 'weekly', label: t.t('console.requestEdit.weekly') },
            ]}
            value={form.scheduleKind}
            problems={problems}
          />
          <div class="row">
            <InputField
              label={t.t('console.requestEdit.date')}
              name="date"
              field="schedule.date"
              type="date"
              value={form.date}
              problems={problems}
            />
            <InputField
              label={t.t('console.requestEdit.start')}
              name="start"
              field="schedule.start"
              type="time"
              value={form.start}
              problems={problems}
            />
            <InputField
              label={t.t('console.requestEdit.end')}
              name="end"
              field="schedule.end"
              type="time"
              value={form.end}
              problems={problems}
            />
          </div>
          <div class="row">
            <InputField
              label={t.t('console.requestEdit.from')}
              name="from"
              field="schedule.from"
              type="date"
              value={form.from}
              problems={problems}
            />
            <InputField
              label={t.t('console.requestEdit.slots')}
              name="slots"
              field="schedule.slots"
              value={form.slots}
              problems={problems}
            />
          </div>
        </fieldset>
        <div class="row">
          <InputField
            label={t.t('console.requestEdit.street')}
            name="streetAddress"
            value={form.streetAddress}
            problems={problems}
            attrs={{ autocomplete: 'off' }}
          />
          <InputField
            label={t.t('console.requestEdit.postalCode')}
            name="postalCode"
            value={form.postalCode}
            problems={problems}
            required
            attrs={{ inputmode: 'numeric', maxlength: 5 }}
          />
        </div>
        <p>
          <button type="submit">{t.t('console.form.save')}</button>{' '}
          <a href={`/console/requests/${props.requestId}`}>{t.t('console.requestEdit.cancel')}</a>
        </p>
      </form>
    </ConsoleLayout>
  );
}

/**
 * On the request page: what volunteers read before they accept, the person's salutation, contact
 * person and consented needs, and the links to edit the request and the person.
 */
export function RequestEditPanel(props: {
  view: ConsoleView;
  labels: Labels;
  request: { id: string; status: string; category: string; volunteerSummary?: string | null };
  helpSeeker:
    | (Pick<HelpSeeker, 'id'> &
        Partial<
          Pick<
            HelpSeeker,
            | 'accessibilityNeeds'
            | 'salutation'
            | 'contactPersonName'
            | 'contactPersonRelationship'
            | 'contactPersonPhone'
          >
        >)
    | null;
}) {
  const { view, labels, request, helpSeeker } = props;
  const { t } = view;
  const closed = isClosedRequestStatus(request.status as HelpRequestStatus);
  const relationship = helpSeeker?.contactPersonRelationship
    ? relationshipLabel(t, helpSeeker.contactPersonRelationship)
    : null;
  return (
    <section class="card" aria-labelledby="h-edit">
      <h2 id="h-edit">{t.t('console.requestEdit.panel')}</h2>
      {/* Long labels above their text (not a two-column list): the panel is narrow. */}
      <p>
        <strong>{t.t('console.requestEdit.volunteersRead')}</strong>
        <br />
        <span id="volunteer-text">
          {volunteerText(
            t,
            { volunteerSummary: request.volunteerSummary ?? null },
            labels.category(request.category),
          )}
        </span>
      </p>
      {helpSeeker?.salutation && helpSeeker.salutation !== 'none' ? (
        <p>
          <strong>{t.t('console.seekerEdit.salutation')}</strong>
          <br />
          {salutationLabel(t, helpSeeker.salutation)}
        </p>
      ) : null}
      {helpSeeker?.contactPersonName ? (
        <p>
          <strong>{t.t('console.seekerEdit.contactPerson')}</strong>
          <br />
          <span id="contact-person">
            {helpSeeker.contactPersonName} ({relationship}), {helpSeeker.contactPersonPhone}
          </span>
        </p>
      ) : null}
      {helpSeeker?.accessibilityNeeds?.length ? (
        <p>
          <strong>{t.t('console.seekerEdit.needsShown')}</strong>
          <br />
          <span id="accessibility-needs">{helpSeeker.accessibilityNeeds.join(', ')}</span>
        </p>
      ) : null}
      <p>
        {closed ? (
          <span class="muted">{t.t('console.requestEdit.closed')}</span>
        ) : (
          <a href={`/console/requests/${request.id}/edit`}>{t.t('console.requestEdit.link')}</a>
        )}
        {helpSeeker ? (
          <>
            {' · '}
            <a href={`/console/help-seekers/${helpSeeker.id}/edit?back=${request.id}`}>
              {t.t('console.seekerEdit.link')}
            </a>
          </>
        ) : null}
      </p>
    </section>
  );
}

export function salutationLabel(t: Translator, salutation: string): string {
  const labels: Record<string, string> = {
    frau: t.t('console.seekerEdit.salutation.frau'),
    herr: t.t('console.seekerEdit.salutation.herr'),
    none: t.t('console.seekerEdit.salutation.none'),
  };
  return labels[salutation] ?? salutation;
}

export function relationshipLabel(t: Translator, relationship: string): string {
  const labels: Record<string, string> = {
    relative: t.t('console.seekerEdit.relationship.relative'),
    neighbour: t.t('console.seekerEdit.relationship.neighbour'),
    'care-service': t.t('console.seekerEdit.relationship.care-service'),
    'legal-guardian': t.t('console.seekerEdit.relationship.legal-guardian'),
    other: t.t('console.seekerEdit.relationship.other'),
  };
  return labels[relationship] ?? relationship;
}
