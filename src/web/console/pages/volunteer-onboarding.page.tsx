import type { FieldError } from '../../../common/validation';
import { localesFor, type Translator } from '../../../i18n';
import { LANGUAGE_LEVELS } from '../../../shared/volunteer-profile';
import type { AdvisoryInterviewDto } from '../../../volunteers/dto/advisory-interview.dto';
import { formatCalendarDate } from '../format';
import {
  CheckboxGroup,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  TextareaField,
  type ConsoleView,
} from '../view';
import { choicesOf, type Labels } from './labels';
import { GenderField } from './statistics-fields';
import {
  InterviewLedTo,
  InterviewOpportunitiesFieldset,
  InterviewOpportunitySearch,
  type InterviewLedToPlacement,
  type InterviewOpportunityChoice,
} from './interview-opportunities';

/** What a register form sent back, field by field (as typed). */
export type RegisterValues = Record<string, string | string[] | undefined>;

const text = (values: RegisterValues, name: string): string => {
  const value = values[name];
  return typeof value === 'string' ? value : '';
};
const list = (values: RegisterValues, name: string): string[] => {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [];
};

function registerLabels(t: Translator): Record<string, string> {
  return {
    name: t.t('console.common.name'),
    email: t.t('console.onboarding.email'),
    phone: t.t('console.providers.phone'),
    postalCode: t.t('console.providers.postalCode'),
    maxTravelKm: t.t('console.volunteers.radius'),
    availability: t.t('console.volunteers.availability'),
    skills: t.t('console.volunteers.skills'),
    interests: t.t('console.onboarding.interests'),
    birthDate: t.t('console.onboarding.birthDate'),
    gender: t.t('console.statistics.gender'),
    languages: t.t('console.volunteers.languages'),
    locale: t.t('console.onboarding.locale'),
    status: t.t('console.common.status'),
    certificateInspectedOn: t.t('console.volunteers.inspectedOn'),
    consent: t.t('console.onboarding.consent'),
  };
}

/**
 * Register a volunteer after the intake conversation: the same fields and rules as the API
 * (CreateVolunteerDto); consent is given orally and recorded so; the address is confirmed by email.
 */
export function RegisterVolunteerPage(props: {
  view: ConsoleView;
  labels: Labels;
  values: RegisterValues;
  problems: FieldError[];
}) {
  const { view, values } = props;
  const { t } = view;
  const labels = registerLabels(t);
  // One field per line (languages, availability): a problem inside a line sits next to that line.
  const problems = props.problems.map((problem) => ({ ...problem, field: problem.field.split('.')[0] }));
  return (
    <ConsoleLayout view={view} title={t.t('console.onboarding.registerTitle')} active="volunteers">
      <p>{t.t('console.onboarding.registerIntro')}</p>
      <FormErrors view={view} problems={problems} labels={labels} />
      <form method="post" action="/console/volunteers/new" class="card" novalidate>
        <CsrfField view={view} />
        <div class="row">
          <InputField
            label={labels.name}
            name="name"
            value={text(values, 'name')}
            problems={problems}
            required
          />
          <InputField
            label={labels.email}
            name="email"
            type="email"
            value={text(values, 'email')}
            problems={problems}
            required
          />
          <InputField
            label={labels.phone}
            name="phone"
            type="tel"
            value={text(values, 'phone')}
            problems={problems}
          />
        </div>
        <div class="row">
          <InputField
            label={labels.postalCode}
            name="postalCode"
            value={text(values, 'postalCode')}
            problems={problems}
            required
            attrs={{ inputmode: 'numeric', maxlength: 5 }}
          />
          <InputField
            label={labels.maxTravelKm}
            name="maxTravelKm"
            value={text(values, 'maxTravelKm')}
            problems={problems}
            required
            attrs={{ inputmode: 'decimal' }}
          />
          <InputField
            label={labels.birthDate}
            name="birthDate"
            type="date"
            value={text(values, 'birthDate')}
            problems={problems}
          />
          <GenderField t={t} value={text(values, 'gender')} problems={problems} />
        </div>
        <InputField
          label={`${labels.availability} (${t.t('console.volunteers.availabilityHint')})`}
          name="availability"
          field="availability"
          value={text(values, 'availability')}
          problems={problems}
        />
        <InputField
          label={`${labels.languages} (${LANGUAGE_LEVELS.join(', ')})`}
          name="languages"
          value={text(values, 'languages')}
          problems={problems}
          attrs={{ placeholder: 'de:C2, tr:B1' }}
        />
        <CheckboxGroup
          legend={labels.skills}
          name="skills"
          choices={choicesOf(props.labels.taxonomy, 'skills', t)}
          selected={list(values, 'skills')}
          problems={problems}
        />
        <CheckboxGroup
          legend={labels.interests}
          name="interests"
          choices={choicesOf(props.labels.taxonomy, 'fields', t)}
          selected={list(values, 'interests')}
          problems={problems}
        />
        <div class="row">
          <SelectField
            label={labels.locale}
            name="locale"
            value={text(values, 'locale') || 'de'}
            problems={problems}
            choices={localesFor('public').map((info) => ({ value: info.locale, label: info.name }))}
          />
          <SelectField
            label={labels.status}
            name="status"
            value={text(values, 'status') || 'pending'}
            problems={problems}
            choices={[
              { value: 'pending', label: t.t('console.onboarding.statusPending') },
              { value: 'active', label: t.t('console.onboarding.statusActive') },
            ]}
          />
          <InputField
            label={labels.certificateInspectedOn}
            name="certificateInspectedOn"
            type="date"
            value={text(values, 'certificateInspectedOn')}
            problems={problems}
          />
        </div>
        <fieldset class="choices">
          <legend>{labels.consent}</legend>
          <label class="inline">
            <input
              type="checkbox"
              name="consent"
              value="oral"
              id="field-consent"
              checked={text(values, 'consent') === 'oral'}
              aria-describedby={problems.some((p) => p.field === 'consent') ? 'error-consent' : undefined}
            />{' '}
            {t.t('console.onboarding.consentOral')}
          </label>
          {problems
            .filter((problem) => problem.field === 'consent')
            .map((problem) => (
              <p class="error-message" id="error-consent" key={problem.message}>
                {problem.message}
              </p>
            ))}
        </fieldset>
        <p class="muted">{t.t('console.onboarding.emailConfirmation')}</p>
        <p>
          <button type="submit">{t.t('console.onboarding.register')}</button>
        </p>
      </form>
    </ConsoleLayout>
  );
}

const INTERVIEW_TEXT_FIELDS = ['motivation', 'timeBudget', 'mobility', 'nextSteps', 'notes'] as const;

function interviewLabels(t: Translator): Record<string, string> {
  return {
    heldOn: t.t('console.interview.heldOn'),
    adviserStaffId: t.t('console.interview.adviser'),
    motivation: t.t('console.interview.motivation'),
    timeBudget: t.t('console.interview.timeBudget'),
    mobility: t.t('console.interview.mobility'),
    interests: t.t('console.onboarding.interests'),
    nextSteps: t.t('console.interview.nextSteps'),
    notes: t.t('console.interview.notes'),
  };
}

/** On the volunteer's profile: the advisory interviews so far, and the way to record one. */
export function AdvisoryInterviewsCard(props: {
  view: ConsoleView;
  labels: Labels;
  volunteerId: string;
  interviews?: AdvisoryInterviewDto[];
  /** The placements each interview led to, by interview id (absent: not shown). */
  ledTo?: Record<string, InterviewLedToPlacement[]>;
}) {
  const { view, interviews } = props;
  const { t } = view;
  if (!interviews) {
    return null;
  }
  const labels = interviewLabels(t);
  const fieldNames = new Map(choicesOf(props.labels.taxonomy, 'fields', t).map((c) => [c.value, c.label]));
  const fieldName = (key: string) => fieldNames.get(key) ?? key;
  return (
    <section class="card" aria-labelledby="h-interviews">
      <h2 id="h-interviews">{t.t('console.interview.title')}</h2>
      {interviews.length === 0 ? (
        <p class="muted">{t.t('console.interview.none')}</p>
      ) : (
        interviews.map((interview) => (
          <article key={interview.id} class="interview" id={`interview-${interview.id}`}>
            <h3>
              {formatCalendarDate(interview.heldOn, t)}
              {interview.adviserName ? ` · ${interview.adviserName}` : ''}
            </h3>
            <dl>
              {INTERVIEW_TEXT_FIELDS.filter((field) => interview[field]).map((field) => (
                <>
                  <dt>{labels[field]}</dt>
                  <dd>{interview[field]}</dd>
                </>
              ))}
              {interview.interests.length > 0 ? (
                <>
                  <dt>{labels.interests}</dt>
                  <dd>{interview.interests.map(fieldName).join(', ')}</dd>
                </>
              ) : null}
            </dl>
            {props.ledTo ? (
              <InterviewLedTo
                view={view}
                volunteerId={props.volunteerId}
                placements={props.ledTo[interview.id] ?? []}
              />
            ) : null}
          </article>
        ))
      )}
      <p>
        <a href={`/console/volunteers/${props.volunteerId}/advisory-interviews/new`}>
          {t.t('console.interview.record')}
        </a>
      </p>
      <p>
        <a href={`/console/volunteers/${props.volunteerId}/opportunities`}>{t.t('fit.volunteerPage.link')}</a>
      </p>
    </section>
  );
}

export function AdvisoryInterviewPage(props: {
  view: ConsoleView;
  labels: Labels;
  volunteer: { id: string; name: string };
  advisers: { id: string; name: string }[];
  /** The staff member recording it, preselected as adviser. */
  defaultAdviserId: string;
  values: RegisterValues;
  problems: FieldError[];
  /** The volunteer's best-fitting published opportunities, and those found by the search (`q`). */
  opportunities?: {
    ranked: InterviewOpportunityChoice[];
    found: InterviewOpportunityChoice[];
    query: string;
  };
}) {
  const { view, values, problems } = props;
  const { t } = view;
  const labels = interviewLabels(t);
  labels.opportunityIds = t.t('console.interview.opportunities.legend');
  return (
    <ConsoleLayout
      view={view}
      title={t.t('console.interview.recordTitle', { volunteer: props.volunteer.name })}
      active="volunteers"
    >
      <FormErrors view={view} problems={problems} labels={labels} />
      {props.opportunities ? (
        <InterviewOpportunitySearch
          view={view}
          volunteerId={props.volunteer.id}
          query={props.opportunities.query}
        />
      ) : null}
      <form
        method="post"
        action={`/console/volunteers/${props.volunteer.id}/advisory-interviews`}
        class="card"
      >
        <CsrfField view={view} />
        <div class="row">
          <InputField
            label={labels.heldOn}
            name="heldOn"
            type="date"
            value={text(values, 'heldOn')}
            problems={problems}
            required
          />
          <SelectField
            label={labels.adviserStaffId}
            name="adviserStaffId"
            value={text(values, 'adviserStaffId') || props.defaultAdviserId}
            problems={problems}
            choices={props.advisers.map((adviser) => ({ value: adviser.id, label: adviser.name }))}
          />
        </div>
        <TextareaField
          label={labels.motivation}
          name="motivation"
          value={text(values, 'motivation')}
          problems={problems}
        />
        <div class="row">
          <InputField
            label={labels.timeBudget}
            name="timeBudget"
            value={text(values, 'timeBudget')}
            problems={problems}
          />
          <InputField
            label={labels.mobility}
            name="mobility"
            value={text(values, 'mobility')}
            problems={problems}
          />
        </div>
        <CheckboxGroup
          legend={labels.interests}
          name="interests"
          choices={choicesOf(props.labels.taxonomy, 'fields', t)}
          selected={list(values, 'interests')}
          problems={problems}
        />
        <TextareaField
          label={labels.nextSteps}
          name="nextSteps"
          value={text(values, 'nextSteps')}
          problems={problems}
        />
        <TextareaField label={labels.notes} name="notes" value={text(values, 'notes')} problems={problems} />
        {props.opportunities ? (
          <InterviewOpportunitiesFieldset
            view={view}
            ranked={props.opportunities.ranked}
            found={props.opportunities.found}
            selected={list(values, 'opportunityIds')}
            problems={problems}
          />
        ) : null}
        <p>
          <button type="submit">{t.t('console.form.save')}</button>{' '}
          <a href={`/console/volunteers/${props.volunteer.id}`}>{t.t('console.interview.back')}</a>
        </p>
      </form>
    </ConsoleLayout>
  );
}
