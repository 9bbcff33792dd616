import type { FieldError } from '../../common/validation';
import type { MessageKey, Translator } from '../../i18n';
import type { OpportunityProblem } from '../../opportunities/domain/opportunity-input';
import { HOST_OFFERS } from '../../opportunities/domain/opportunity-status';
import type { Project } from '../../opportunities/project.entity';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import type { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { WEEKLY_ROWS, type OpportunityFormValues } from '../console/pages/opportunities.page';
import { CheckboxGroup, InputField, SelectField, TextareaField } from '../console/view';
import { ErrorSummary } from '../forms/field-messages';
import { LinkShell } from '../links/link-shell';
import { withLang } from './host-pages';

/*
 * The host's opportunity and project forms. The fields, their names, the parsing
 * (opportunityInputOfForm) and the stored-to-form mapping (formValuesOf) are the console's; only
 * the words differ, because hosts read them in seven languages and the console's are German and
 * English only.
 */

/** The pure check's problem codes in the host's words. */
export const HOST_ERROR_WORDS: Record<OpportunityProblem['code'], MessageKey> = {
  required: 'host.form.error.required',
  'too-short': 'host.form.error.too-short',
  'too-long': 'host.form.error.too-long',
  invalid: 'host.form.error.invalid',
  'out-of-range': 'host.form.error.out-of-range',
  'in-past': 'host.form.error.in-past',
  'unknown-value': 'host.form.error.unknown-value',
  'not-allowed': 'host.form.error.not-allowed',
};

const TIME_KINDS = {
  weekly: 'host.form.weekly',
  flexible: 'host.form.flexible',
  'one-off': 'host.form.oneOff',
} as const;
const SUITABILITY = {
  forNewcomers: 'host.form.forNewcomers',
  littleGermanOk: 'host.form.littleGermanOk',
  accessible: 'host.form.accessible',
} as const satisfies Record<string, MessageKey>;
const OFFERS = {
  induction: 'host.form.offer.induction',
  training: 'host.form.offer.training',
  expenses: 'host.form.offer.expenses',
  insurance: 'host.form.offer.insurance',
  supervision: 'host.form.offer.supervision',
  certificate: 'host.form.offer.certificate',
} as const satisfies Record<(typeof HOST_OFFERS)[number], MessageKey>;

/** Field names (as the problems name them) → the form's labels, for the error summary. */
export function hostFormLabels(t: Translator): Record<string, string> {
  const labels: Record<string, string> = {
    title: t.t('host.form.title'),
    description: t.t('host.form.description'),
    tasks: t.t('host.form.tasks'),
    fieldsOfActivity: t.t('host.form.fields'),
    remote: t.t('host.form.remote'),
    postalCode: t.t('host.form.postalCode'),
    streetAddress: t.t('host.form.streetAddress'),
    timePattern: t.t('host.form.timeKind'),
    'timePattern.slots': t.t('host.form.weeklyRows'),
    'timePattern.hoursPerWeek': t.t('host.form.hoursPerWeek'),
    'timePattern.hoursPerMonth': t.t('host.form.hoursPerMonth'),
    'timePattern.date': t.t('host.form.date'),
    'timePattern.start': t.t('host.form.start'),
    'timePattern.end': t.t('host.form.end'),
    minCommitmentMonths: t.t('host.form.minCommitmentMonths'),
    places: t.t('host.form.places'),
    requiresCertificate: t.t('host.form.requiresCertificate'),
    minimumAge: t.t('host.form.minimumAge'),
    languages: t.t('host.form.languages'),
    skills: t.t('host.form.skills'),
    hostOffers: t.t('host.form.hostOffers'),
    contactName: t.t('host.form.contactName'),
    contactEmail: t.t('host.form.contactEmail'),
    contactPhone: t.t('host.form.contactPhone'),
    projectId: t.t('host.form.project'),
    newProjectTitle: t.t('host.form.newProjectTitle'),
  };
  for (let i = 0; i < WEEKLY_ROWS; i += 1) {
    labels[`timePattern.slots.${i}.weekday`] = `${t.t('host.form.weekday')} ${i + 1}`;
    labels[`timePattern.slots.${i}.start`] = `${t.t('host.form.start')} ${i + 1}`;
    labels[`timePattern.slots.${i}.end`] = `${t.t('host.form.end')} ${i + 1}`;
  }
  return labels;
}

/** Only the labels of fields the summary lists (a slot problem falls back to its group). */
function summaryLabels(problems: FieldError[], labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    problems
      .map((p): [string, string | undefined] => [p.field, labels[p.field] ?? labels[p.field.split('.')[0]]])
      .filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

const HOST_FORM_CSS =
  '.row { display: flex; flex-wrap: wrap; gap: 0 1rem; } label.inline { display: block; margin: .2rem 0; } ' +
  'fieldset { margin: 1rem 0; } .field-error, .error-message { color: #a4161a; } input, select, textarea { max-width: 100%; } ' +
  'form div { margin: .4rem 0; } form div > label { display: block; font-weight: 600; } textarea { width: 100%; }';

export function HostOpportunityFormPage(props: {
  t: Translator;
  agency: AgencyProfile;
  path: string;
  token: string;
  taxonomy: TaxonomyService;
  values: OpportunityFormValues;
  projects: Pick<Project, 'id' | 'title'>[];
  /** Set when editing. */
  opportunity?: { id: string; title: string };
  problems: FieldError[];
  reviewHostSubmissions: boolean;
}) {
  const { t, values, problems, opportunity } = props;
  const labels = hostFormLabels(t);
  const text = (name: string): string => {
    const value = values[name];
    return typeof value === 'string' ? value : '';
  };
  const list = (name: string): string[] => {
    const value = values[name];
    return Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [];
  };
  const checked = (name: string): boolean => text(name) !== '';
  const timeKind = text('timeKind') || 'weekly';
  const taxonomyChoices = (kind: 'fields' | 'skills') =>
    Object.keys(props.taxonomy.taxonomy[kind]).map((key) => ({
      value: key,
      label: props.taxonomy.label(kind, key, t),
    }));
  const title = opportunity
    ? t.t('host.form.editTitle', { title: opportunity.title })
    : t.t('host.form.newTitle');
  const action = withLang(
    opportunity
      ? `/host/${props.token}/opportunities/${opportunity.id}/edit`
      : `/host/${props.token}/opportunities/new`,
    t,
  );
  return (
    <LinkShell t={t} agency={props.agency} path={props.path} title={title}>
      <style>{HOST_FORM_CSS}</style>
      <h1 dir="auto">{title}</h1>
      <ErrorSummary t={t} problems={problems} labels={summaryLabels(problems, labels)} />
      <form method="post" action={action} novalidate>
        <fieldset>
          <legend>{t.t('host.form.what')}</legend>
          <InputField
            label={labels.title}
            name="title"
            value={text('title')}
            problems={problems}
            required
            attrs={{ maxlength: 120, dir: 'auto' }}
          />
          <TextareaField
            label={labels.description}
            name="description"
            value={text('description')}
            problems={problems}
            required
            attrs={{ maxlength: 4000, dir: 'auto' }}
          />
          <TextareaField
            label={labels.tasks}
            name="tasks"
            value={text('tasks')}
            problems={problems}
            attrs={{ maxlength: 4000, dir: 'auto' }}
          />
          <CheckboxGroup
            legend={labels.fieldsOfActivity}
            name="fieldsOfActivity"
            choices={taxonomyChoices('fields')}
            selected={list('fieldsOfActivity')}
            problems={problems}
          />
        </fieldset>
        <fieldset>
          <legend>{t.t('host.form.where')}</legend>
          <label class="inline">
            <input type="checkbox" name="remote" value="yes" checked={checked('remote')} /> {labels.remote}
          </label>
          <div class="row">
            <InputField
              label={labels.postalCode}
              name="postalCode"
              value={text('postalCode')}
              problems={problems}
              attrs={{ inputmode: 'numeric', maxlength: 5, autocomplete: 'postal-code', dir: 'ltr' }}
            />
            <InputField
              label={labels.streetAddress}
              name="streetAddress"
              value={text('streetAddress')}
              problems={problems}
              attrs={{ maxlength: 200, dir: 'auto' }}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.t('host.form.when')}</legend>
          <fieldset>
            <legend>{labels.timePattern}</legend>
            {(Object.keys(TIME_KINDS) as (keyof typeof TIME_KINDS)[]).map((kind) => (
              <label class="inline" key={kind}>
                <input type="radio" name="timeKind" value={kind} checked={timeKind === kind} />{' '}
                {t.t(TIME_KINDS[kind])}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{labels['timePattern.slots']}</legend>
            {Array.from({ length: WEEKLY_ROWS }, (_, i) => (
              <div class="row" key={i}>
                <SelectField
                  label={labels[`timePattern.slots.${i}.weekday`]}
                  name={`weekday${i}`}
                  field={`timePattern.slots.${i}.weekday`}
                  value={text(`weekday${i}`)}
                  problems={problems}
                  choices={[
                    { value: '', label: t.t('host.form.noWeekday') },
                    ...[1, 2, 3, 4, 5, 6, 7].map((day) => ({
                      value: String(day),
                      label: t.t(`public.weekday.${day}` as MessageKey),
                    })),
                  ]}
                />
                <InputField
                  label={labels[`timePattern.slots.${i}.start`]}
                  name={`slotStart${i}`}
                  field={`timePattern.slots.${i}.start`}
                  type="time"
                  value={text(`slotStart${i}`)}
                  problems={problems}
                />
                <InputField
                  label={labels[`timePattern.slots.${i}.end`]}
                  name={`slotEnd${i}`}
                  field={`timePattern.slots.${i}.end`}
                  type="time"
                  value={text(`slotEnd${i}`)}
                  problems={problems}
                />
              </div>
            ))}
            {problems
              .filter((problem) => problem.field === 'timePattern.slots' || problem.field === 'timePattern')
              .map((problem) => (
                <p
                  class="field-error"
                  id={`field-${problem.field.replace(/[^A-Za-z0-9_-]/g, '-')}`}
                  key={problem.field}
                >
                  {problem.message}
                </p>
              ))}
          </fieldset>
          <div class="row">
            <InputField
              label={labels['timePattern.hoursPerWeek']}
              name="hoursPerWeek"
              field="timePattern.hoursPerWeek"
              value={text('hoursPerWeek')}
              problems={problems}
              attrs={{ inputmode: 'decimal' }}
            />
            <InputField
              label={labels['timePattern.hoursPerMonth']}
              name="hoursPerMonth"
              field="timePattern.hoursPerMonth"
              value={text('hoursPerMonth')}
              problems={problems}
              attrs={{ inputmode: 'decimal' }}
            />
          </div>
          <div class="row">
            <InputField
              label={labels['timePattern.date']}
              name="date"
              field="timePattern.date"
              type="date"
              value={text('date')}
              problems={problems}
            />
            <InputField
              label={t.t('host.form.start')}
              name="start"
              field="timePattern.start"
              type="time"
              value={text('start')}
              problems={problems}
            />
            <InputField
              label={t.t('host.form.end')}
              name="end"
              field="timePattern.end"
              type="time"
              value={text('end')}
              problems={problems}
            />
          </div>
          <InputField
            label={labels.minCommitmentMonths}
            name="minCommitmentMonths"
            value={text('minCommitmentMonths')}
            problems={problems}
            attrs={{ inputmode: 'numeric' }}
          />
        </fieldset>
        <fieldset>
          <legend>{t.t('host.form.requirements')}</legend>
          <div class="row">
            <InputField
              label={labels.places}
              name="places"
              value={text('places')}
              problems={problems}
              required
              attrs={{ inputmode: 'numeric' }}
            />
            <InputField
              label={labels.minimumAge}
              name="minimumAge"
              value={text('minimumAge')}
              problems={problems}
              attrs={{ inputmode: 'numeric' }}
            />
            <InputField
              label={labels.languages}
              name="languages"
              value={text('languages')}
              problems={problems}
              attrs={{ dir: 'ltr' }}
            />
          </div>
          <label class="inline">
            <input
              type="checkbox"
              name="requiresCertificate"
              value="yes"
              checked={checked('requiresCertificate')}
            />{' '}
            {labels.requiresCertificate}
          </label>
          <CheckboxGroup
            legend={labels.skills}
            name="skills"
            choices={taxonomyChoices('skills')}
            selected={list('skills')}
            problems={problems}
          />
        </fieldset>
        <fieldset>
          <legend>{t.t('host.form.suitability')}</legend>
          {(Object.keys(SUITABILITY) as (keyof typeof SUITABILITY)[]).map((name) => (
            <label class="inline" key={name}>
              <input type="checkbox" name={name} value="yes" checked={checked(name)} />{' '}
              {t.t(SUITABILITY[name])}
            </label>
          ))}
        </fieldset>
        <CheckboxGroup
          legend={labels.hostOffers}
          name="hostOffers"
          choices={HOST_OFFERS.map((offer) => ({ value: offer, label: t.t(OFFERS[offer]) }))}
          selected={list('hostOffers')}
          problems={problems}
        />
        <fieldset>
          <legend>{t.t('host.form.contact')}</legend>
          <div class="row">
            <InputField
              label={labels.contactName}
              name="contactName"
              value={text('contactName')}
              problems={problems}
              attrs={{ autocomplete: 'name', dir: 'auto' }}
            />
            <InputField
              label={labels.contactEmail}
              name="contactEmail"
              type="email"
              value={text('contactEmail')}
              problems={problems}
              attrs={{ autocomplete: 'email', dir: 'ltr' }}
            />
            <InputField
              label={labels.contactPhone}
              name="contactPhone"
              type="tel"
              value={text('contactPhone')}
              problems={problems}
              attrs={{ autocomplete: 'tel', dir: 'ltr' }}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.t('host.form.project')}</legend>
          <div class="row">
            <SelectField
              label={labels.projectId}
              name="projectId"
              value={text('projectId')}
              problems={problems}
              choices={[
                { value: '', label: t.t('host.form.noProject') },
                ...props.projects.map((project) => ({ value: project.id, label: project.title })),
                { value: 'new', label: t.t('host.form.newProject') },
              ]}
            />
            <InputField
              label={labels.newProjectTitle}
              name="newProjectTitle"
              value={text('newProjectTitle')}
              problems={problems}
              attrs={{ maxlength: 120, dir: 'auto' }}
            />
          </div>
        </fieldset>
        {props.reviewHostSubmissions ? <p class="note">{t.t('host.form.reviewNote')}</p> : null}
        {opportunity ? (
          <p>
            <button type="submit">{t.t('host.form.save')}</button>
          </p>
        ) : (
          <p>
            <button type="submit" name="submitAs" value="submit">
              {t.t(props.reviewHostSubmissions ? 'host.form.submitReview' : 'host.form.publish')}
            </button>{' '}
            <button type="submit" name="submitAs" value="draft" class="secondary">
              {t.t('host.form.saveDraft')}
            </button>
          </p>
        )}
        <p>
          <a href={withLang(`/host/${props.token}`, t)}>{t.t('host.form.back')}</a>
        </p>
      </form>
    </LinkShell>
  );
}

export function HostProjectFormPage(props: {
  t: Translator;
  agency: AgencyProfile;
  path: string;
  token: string;
  values: { title: string; description: string };
  project?: { id: string; title: string };
  problems: FieldError[];
}) {
  const { t, values, problems, project } = props;
  const labels = { title: t.t('host.project.title'), description: t.t('host.project.description') };
  const title = project
    ? t.t('host.project.editTitle', { title: project.title })
    : t.t('host.project.newTitle');
  const action = withLang(
    project ? `/host/${props.token}/projects/${project.id}/edit` : `/host/${props.token}/projects/new`,
    t,
  );
  return (
    <LinkShell t={t} agency={props.agency} path={props.path} title={title}>
      <style>{HOST_FORM_CSS}</style>
      <h1 dir="auto">{title}</h1>
      <ErrorSummary t={t} problems={problems} labels={summaryLabels(problems, labels)} />
      <form method="post" action={action} novalidate>
        <InputField
          label={labels.title}
          name="title"
          value={values.title}
          problems={problems}
          required
          attrs={{ maxlength: 120, dir: 'auto' }}
        />
        <TextareaField
          label={labels.description}
          name="description"
          value={values.description}
          problems={problems}
          attrs={{ maxlength: 2000, dir: 'auto' }}
        />
        <p>
          <button type="submit">{t.t('host.form.save')}</button>
        </p>
        <p>
          <a href={withLang(`/host/${props.token}`, t)}>{t.t('host.form.back')}</a>
        </p>
      </form>
    </LinkShell>
  );
}
