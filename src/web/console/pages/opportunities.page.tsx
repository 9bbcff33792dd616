import type { FieldError } from '../../../common/validation';
import type { MessageKey, Translator } from '../../../i18n';
import {
  HOST_OFFERS,
  OPPORTUNITY_STATUSES,
  type HostOffer,
  type OpportunityStatus,
} from '../../../opportunities/domain/opportunity-status';
import type { OpportunityFilters } from '../../../opportunities/domain/opportunity-search';
import type { OpportunityTimePattern } from '../../../opportunities/domain/time-pattern';
import type {
  OpportunityListRow,
  OpportunityPlacementRow,
} from '../../../opportunities/opportunities.service';
import type { Opportunity } from '../../../opportunities/opportunity.entity';
import type { Project } from '../../../opportunities/project.entity';
import { PLACEMENT_STAGES, type PlacementStage } from '../../../placements/domain/placement-stage';
import { formatSlotDe, formatSlotEn } from '../../../shared/schedule';
import { formatCalendarDate, formatDateTime } from '../format';
import {
  ActionButton,
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

export const STATUS_LABELS: Record<OpportunityStatus, MessageKey> = {
  draft: 'opportunities.status.draft',
  'in-review': 'opportunities.status.in-review',
  published: 'opportunities.status.published',
  paused: 'opportunities.status.paused',
  filled: 'opportunities.status.filled',
  archived: 'opportunities.status.archived',
};

const OFFER_LABELS: Record<HostOffer, MessageKey> = {
  induction: 'opportunities.offer.induction',
  training: 'opportunities.offer.training',
  expenses: 'opportunities.offer.expenses',
  insurance: 'opportunities.offer.insurance',
  supervision: 'opportunities.offer.supervision',
  certificate: 'opportunities.offer.certificate',
};

const STAGE_LABELS: Record<PlacementStage, MessageKey> = {
  interested: 'opportunities.stage.interested',
  advised: 'opportunities.stage.advised',
  proposed: 'opportunities.stage.proposed',
  'host-contacted': 'opportunities.stage.host-contacted',
  trial: 'opportunities.stage.trial',
  started: 'opportunities.stage.started',
  ended: 'opportunities.stage.ended',
  declined: 'opportunities.stage.declined',
};

const TIME_KIND_LABELS: Record<'weekly' | 'flexible' | 'one-off', MessageKey> = {
  weekly: 'opportunities.form.timeKind.weekly',
  flexible: 'opportunities.form.timeKind.flexible',
  'one-off': 'opportunities.form.timeKind.one-off',
};

const SUITABILITY_LABELS: Record<'forNewcomers' | 'littleGermanOk' | 'accessible', MessageKey> = {
  forNewcomers: 'opportunities.form.forNewcomers',
  littleGermanOk: 'opportunities.form.littleGermanOk',
  accessible: 'opportunities.form.accessible',
};

/** An overdue review-by date stands out (red on white: 7.2:1), not by colour alone: it also says so. */
const OVERDUE_CSS = '.overdue { color: #a4161a; }';

const PAUSED_BY: Record<string, MessageKey> = {
  staff: 'opportunities.detail.pausedBy.staff',
  host: 'opportunities.detail.pausedBy.host',
  'review-overdue': 'opportunities.detail.pausedBy.review-overdue',
};

const statusLabel = (t: Translator, status: string): string =>
  (OPPORTUNITY_STATUSES as readonly string[]).includes(status)
    ? t.t(STATUS_LABELS[status as OpportunityStatus])
    : status;

/** "Di 15:00–17:00", "flexibel, ca. 4 Std./Monat", "einmalig: 12.06.2027, 14:00–18:00 Uhr". */
export function timeText(t: Translator, pattern: OpportunityTimePattern): string {
  if (pattern.kind === 'weekly') {
    return pattern.slots
      .map((slot) => (t.locale === 'de' ? formatSlotDe(slot) : formatSlotEn(slot)))
      .join(', ');
  }
  if (pattern.kind === 'flexible') {
    const parts = [
      pattern.hoursPerWeek !== undefined
        ? t.t('opportunities.time.perWeek', { n: pattern.hoursPerWeek })
        : null,
      pattern.hoursPerMonth !== undefined
        ? t.t('opportunities.time.perMonth', { n: pattern.hoursPerMonth })
        : null,
    ].filter((part): part is string => part !== null);
    return t.t('opportunities.time.flexible', { hours: parts.join(' / ') });
  }
  return t.t('opportunities.time.oneOff', {
    date: formatCalendarDate(pattern.date, t),
    start: pattern.start,
    end: pattern.end,
  });
}

const placeText = (
  t: Translator,
  row: { remote: boolean; postalCode: string | null; district: string | null },
): string =>
  row.remote ? t.t('opportunities.remote') : [row.postalCode, row.district].filter(Boolean).join(' ');

/** Names of the list's filters, for the error summary. */
export function opportunityFilterLabels(t: Translator): Record<string, string> {
  return {
    q: t.t('opportunities.list.q'),
    status: t.t('opportunities.list.status'),
    field: t.t('opportunities.list.field'),
    district: t.t('opportunities.list.district'),
    providerId: t.t('opportunities.list.provider'),
    overdue: t.t('opportunities.list.overdue'),
    page: t.t('opportunities.list.page'),
  };
}

export function OpportunityListPage(props: {
  view: ConsoleView;
  labels: Labels;
  filters: OpportunityFilters;
  form: Record<string, string>;
  districts: string[];
  providers: { id: string; name: string }[];
  rows: OpportunityListRow[];
  hasNext: boolean;
  today: string;
  problems?: FieldError[];
}) {
  const { view, labels, filters, form, rows, today } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const names = opportunityFilterLabels(t);
  const any = { value: '', label: t.t('opportunities.list.any') };
  const pageLink = (page: number): string => {
    const query = new URLSearchParams({ ...form, page: String(page) });
    return `/console/opportunities?${query.toString()}`;
  };
  return (
    <ConsoleLayout
      view={view}
      title={t.t('opportunities.list.title')}
      active="opportunities"
      css={OVERDUE_CSS}
    >
      <p class="actions">
        <a href="/console/opportunities/new">{t.t('opportunities.list.new')}</a>
        <a href="/console/opportunities?status=in-review">{t.t('opportunities.list.inReview')}</a>
      </p>
      <FormErrors view={view} problems={problems} labels={names} />
      <form method="get" action="/console/opportunities" class="card" role="search" aria-label={names.q}>
        <div class="row">
          <InputField label={names.q} name="q" type="search" value={form.q ?? ''} problems={problems} />
          <SelectField
            label={names.status}
            name="status"
            problems={problems}
            value={form.status ?? filters.status}
            choices={[
              { value: 'current', label: t.t('opportunities.list.status.current') },
              { value: 'all', label: t.t('opportunities.list.status.all') },
              ...OPPORTUNITY_STATUSES.map((status) => ({ value: status, label: t.t(STATUS_LABELS[status]) })),
            ]}
          />
          <SelectField
            label={names.field}
            name="field"
            problems={problems}
            value={form.field ?? ''}
            choices={[any, ...choicesOf(labels.taxonomy, 'fields', t)]}
          />
        </div>
        <div class="row">
          <SelectField
            label={names.district}
            name="district"
            problems={problems}
            value={form.district ?? ''}
            choices={[any, ...props.districts.map((name) => ({ value: name, label: name }))]}
          />
          <SelectField
            label={names.providerId}
            name="providerId"
            problems={problems}
            value={form.providerId ?? ''}
            choices={[
              any,
              ...props.providers.map((provider) => ({ value: provider.id, label: provider.name })),
            ]}
          />
          <div>
            <label class="inline">
              <input type="checkbox" name="overdue" value="1" checked={filters.overdue} /> {names.overdue}
            </label>
          </div>
        </div>
        <p class="actions">
          <button type="submit">{t.t('opportunities.list.search')}</button>
          <a href="/console/opportunities">{t.t('opportunities.list.reset')}</a>
        </p>
      </form>
      {problems.length > 0 ? null : rows.length === 0 ? (
        <p id="opportunity-results">{t.t('opportunities.list.none')}</p>
      ) : (
        <div class="table-wrap" id="opportunity-results">
          <table>
            <caption class="visually-hidden">{t.t('opportunities.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('opportunities.list.colTitle')}</th>
                <th scope="col">{t.t('opportunities.list.colHost')}</th>
                <th scope="col">{t.t('opportunities.list.colField')}</th>
                <th scope="col">{t.t('opportunities.list.colPlace')}</th>
                <th scope="col">{t.t('opportunities.list.colTime')}</th>
                <th scope="col">{t.t('opportunities.list.colOpen')}</th>
                <th scope="col">{t.t('opportunities.list.colStatus')}</th>
                <th scope="col">{t.t('opportunities.list.colReviewBy')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const overdue =
                  row.reviewBy !== null &&
                  row.reviewBy < today &&
                  (row.status === 'published' || row.status === 'paused');
                return (
                  <tr key={row.id}>
                    <td>
                      <a href={`/console/opportunities/${row.id}`}>{row.title}</a>
                    </td>
                    <td>
                      <a href={`/console/providers/${row.providerId}`}>{row.providerName}</a>
                    </td>
                    <td>{row.fieldsOfActivity.map((key) => labels.field(key)).join(', ')}</td>
                    <td>{placeText(t, row)}</td>
                    <td>{timeText(t, row.timePattern)}</td>
                    <td>{Math.max(0, row.openPlaces)}</td>
                    <td>{statusLabel(t, row.status)}</td>
                    <td>
                      {row.reviewBy ? (
                        overdue ? (
                          <strong class="overdue">
                            {formatCalendarDate(row.reviewBy, t)} ({t.t('opportunities.list.overdueMark')})
                          </strong>
                        ) : (
                          formatCalendarDate(row.reviewBy, t)
                        )
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p class="actions">
        {filters.page > 0 ? (
          <a href={pageLink(filters.page - 1)}>{t.t('opportunities.list.previous')}</a>
        ) : null}
        {props.hasNext ? <a href={pageLink(filters.page + 1)}>{t.t('opportunities.list.next')}</a> : null}
      </p>
    </ConsoleLayout>
  );
}

/** The form as typed (strings, lists), so wrong values stay to be corrected. */
export type OpportunityFormValues = Record<string, string | string[] | undefined>;

export const WEEKLY_ROWS = 4;

/** The form's field labels, keyed by the problems' field names, for the error summary. */
export function opportunityFormLabels(t: Translator): Record<string, string> {
  return {
    providerId: t.t('opportunities.form.provider'),
    title: t.t('opportunities.form.title'),
    description: t.t('opportunities.form.description'),
    tasks: t.t('opportunities.form.tasks'),
    fieldsOfActivity: t.t('opportunities.form.fields'),
    remote: t.t('opportunities.form.remote'),
    postalCode: t.t('opportunities.form.postalCode'),
    streetAddress: t.t('opportunities.form.streetAddress'),
    timePattern: t.t('opportunities.form.timeKind'),
    'timePattern.kind': t.t('opportunities.form.timeKind'),
    'timePattern.slots': t.t('opportunities.form.weeklyRows'),
    'timePattern.hoursPerWeek': t.t('opportunities.form.hoursPerWeek'),
    'timePattern.hoursPerMonth': t.t('opportunities.form.hoursPerMonth'),
    'timePattern.date': t.t('opportunities.form.date'),
    'timePattern.start': t.t('opportunities.form.start'),
    'timePattern.end': t.t('opportunities.form.end'),
    ...Object.fromEntries(
      Array.from({ length: WEEKLY_ROWS }, (_, i): [string, string][] => [
        [`timePattern.slots.${i}.weekday`, `${t.t('opportunities.form.weekday')} ${i + 1}`],
        [`timePattern.slots.${i}.start`, `${t.t('opportunities.form.start')} ${i + 1}`],
        [`timePattern.slots.${i}.end`, `${t.t('opportunities.form.end')} ${i + 1}`],
      ]).flat(),
    ),
    minCommitmentMonths: t.t('opportunities.form.minCommitmentMonths'),
    places: t.t('opportunities.form.places'),
    requiresCertificate: t.t('opportunities.form.requiresCertificate'),
    minimumAge: t.t('opportunities.form.minimumAge'),
    languages: t.t('opportunities.form.languages'),
    skills: t.t('opportunities.form.skills'),
    hostOffers: t.t('opportunities.form.hostOffers'),
    contactName: t.t('opportunities.form.contactName'),
    contactEmail: t.t('opportunities.form.contactEmail'),
    contactPhone: t.t('opportunities.form.contactPhone'),
    projectId: t.t('opportunities.form.projectId'),
    newProjectTitle: t.t('opportunities.form.newProjectTitle'),
  };
}

const WEEKDAYS_DE = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function OpportunityFormPage(props: {
  view: ConsoleView;
  labels: Labels;
  values: OpportunityFormValues;
  providers: { id: string; name: string }[];
  projects: Project[];
  /** Set when editing. */
  opportunity?: Opportunity;
  problems?: FieldError[];
}) {
  const { view, values, labels, opportunity } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const names = opportunityFormLabels(t);
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
  const weekdays = t.locale === 'de' ? WEEKDAYS_DE : WEEKDAYS_EN;
  const action = opportunity ? `/console/opportunities/${opportunity.id}/edit` : '/console/opportunities/new';
  const title = opportunity
    ? t.t('opportunities.form.editTitle', { title: opportunity.title })
    : t.t('opportunities.form.newTitle');
  return (
    <ConsoleLayout view={view} title={title} active="opportunities">
      <FormErrors view={view} problems={problems} labels={names} />
      <form method="post" action={action} class="card" novalidate>
        <CsrfField view={view} />
        {opportunity ? null : (
          <SelectField
            label={names.providerId}
            name="providerId"
            value={text('providerId')}
            problems={problems}
            required
            choices={[
              { value: '', label: t.t('opportunities.form.chooseProvider') },
              ...props.providers.map((provider) => ({ value: provider.id, label: provider.name })),
            ]}
          />
        )}
        <fieldset>
          <legend>{t.t('opportunities.form.what')}</legend>
          <InputField
            label={names.title}
            name="title"
            value={text('title')}
            problems={problems}
            required
            attrs={{ maxlength: 120 }}
          />
          <TextareaField
            label={names.description}
            name="description"
            value={text('description')}
            problems={problems}
            required
            attrs={{ maxlength: 4000 }}
          />
          <TextareaField
            label={names.tasks}
            name="tasks"
            value={text('tasks')}
            problems={problems}
            attrs={{ maxlength: 4000 }}
          />
          <CheckboxGroup
            legend={names.fieldsOfActivity}
            name="fieldsOfActivity"
            choices={choicesOf(labels.taxonomy, 'fields', t)}
            selected={list('fieldsOfActivity')}
            problems={problems}
          />
        </fieldset>
        <fieldset>
          <legend>{t.t('opportunities.form.where')}</legend>
          <p>
            <label class="inline">
              <input type="checkbox" name="remote" value="yes" checked={checked('remote')} /> {names.remote}
            </label>
          </p>
          <div class="row">
            <InputField
              label={names.postalCode}
              name="postalCode"
              value={text('postalCode')}
              problems={problems}
              attrs={{ inputmode: 'numeric', maxlength: 5, autocomplete: 'off' }}
            />
            <InputField
              label={names.streetAddress}
              name="streetAddress"
              value={text('streetAddress')}
              problems={problems}
              attrs={{ maxlength: 200 }}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.t('opportunities.form.when')}</legend>
          <fieldset class="choices">
            <legend>{names.timePattern}</legend>
            {(['weekly', 'flexible', 'one-off'] as const).map((kind) => (
              <label class="inline" key={kind}>
                <input type="radio" name="timeKind" value={kind} checked={timeKind === kind} />{' '}
                {t.t(TIME_KIND_LABELS[kind])}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t.t('opportunities.form.weeklyRows')}</legend>
            {Array.from({ length: WEEKLY_ROWS }, (_, i) => (
              <div class="row" key={i}>
                <SelectField
                  label={`${t.t('opportunities.form.weekday')} ${i + 1}`}
                  name={`weekday${i}`}
                  field={`timePattern.slots.${i}.weekday`}
                  value={text(`weekday${i}`)}
                  problems={problems}
                  choices={[
                    { value: '', label: t.t('opportunities.form.noWeekday') },
                    ...weekdays.map((name, index) => ({ value: String(index + 1), label: name })),
                  ]}
                />
                <InputField
                  label={`${t.t('opportunities.form.start')} ${i + 1}`}
                  name={`slotStart${i}`}
                  field={`timePattern.slots.${i}.start`}
                  type="time"
                  value={text(`slotStart${i}`)}
                  problems={problems}
                />
                <InputField
                  label={`${t.t('opportunities.form.end')} ${i + 1}`}
                  name={`slotEnd${i}`}
                  field={`timePattern.slots.${i}.end`}
                  type="time"
                  value={text(`slotEnd${i}`)}
                  problems={problems}
                />
              </div>
            ))}
            {problems.some((problem) => problem.field === 'timePattern.slots') ? (
              <p class="field-error" id="timePattern.slots-error">
                {problems.find((problem) => problem.field === 'timePattern.slots')?.message}
              </p>
            ) : null}
          </fieldset>
          <div class="row">
            <InputField
              label={names['timePattern.hoursPerWeek']}
              name="hoursPerWeek"
              field="timePattern.hoursPerWeek"
              value={text('hoursPerWeek')}
              problems={problems}
              attrs={{ inputmode: 'decimal' }}
            />
            <InputField
              label={names['timePattern.hoursPerMonth']}
              name="hoursPerMonth"
              field="timePattern.hoursPerMonth"
              value={text('hoursPerMonth')}
              problems={problems}
              attrs={{ inputmode: 'decimal' }}
            />
          </div>
          <div class="row">
            <InputField
              label={names['timePattern.date']}
              name="date"
              field="timePattern.date"
              type="date"
              value={text('date')}
              problems={problems}
            />
            <InputField
              label={t.t('opportunities.form.start')}
              name="start"
              field="timePattern.start"
              type="time"
              value={text('start')}
              problems={problems}
            />
            <InputField
              label={t.t('opportunities.form.end')}
              name="end"
              field="timePattern.end"
              type="time"
              value={text('end')}
              problems={problems}
            />
          </div>
          <InputField
            label={names.minCommitmentMonths}
            name="minCommitmentMonths"
            value={text('minCommitmentMonths')}
            problems={problems}
            attrs={{ inputmode: 'numeric' }}
          />
        </fieldset>
        <fieldset>
          <legend>{t.t('opportunities.form.requirements')}</legend>
          <div class="row">
            <InputField
              label={names.places}
              name="places"
              value={text('places')}
              problems={problems}
              required
              attrs={{ inputmode: 'numeric' }}
            />
            <InputField
              label={names.minimumAge}
              name="minimumAge"
              value={text('minimumAge')}
              problems={problems}
              attrs={{ inputmode: 'numeric' }}
            />
            <InputField
              label={names.languages}
              name="languages"
              value={text('languages')}
              problems={problems}
            />
          </div>
          <p>
            <label class="inline">
              <input
                type="checkbox"
                name="requiresCertificate"
                value="yes"
                checked={checked('requiresCertificate')}
              />{' '}
              {names.requiresCertificate}
            </label>
          </p>
          <CheckboxGroup
            legend={names.skills}
            name="skills"
            choices={choicesOf(labels.taxonomy, 'skills', t)}
            selected={list('skills')}
            problems={problems}
          />
        </fieldset>
        <fieldset class="choices">
          <legend>{t.t('opportunities.form.suitability')}</legend>
          {(['forNewcomers', 'littleGermanOk', 'accessible'] as const).map((name) => (
            <label class="inline" key={name}>
              <input type="checkbox" name={name} value="yes" checked={checked(name)} />{' '}
              {t.t(SUITABILITY_LABELS[name])}
            </label>
          ))}
        </fieldset>
        <CheckboxGroup
          legend={names.hostOffers}
          name="hostOffers"
          choices={HOST_OFFERS.map((offer) => ({ value: offer, label: t.t(OFFER_LABELS[offer]) }))}
          selected={list('hostOffers')}
          problems={problems}
        />
        <fieldset>
          <legend>{t.t('opportunities.form.contact')}</legend>
          <div class="row">
            <InputField
              label={names.contactName}
              name="contactName"
              value={text('contactName')}
              problems={problems}
              attrs={{ autocomplete: 'off' }}
            />
            <InputField
              label={names.contactEmail}
              name="contactEmail"
              type="email"
              value={text('contactEmail')}
              problems={problems}
              attrs={{ autocomplete: 'off' }}
            />
            <InputField
              label={names.contactPhone}
              name="contactPhone"
              type="tel"
              value={text('contactPhone')}
              problems={problems}
              attrs={{ autocomplete: 'off' }}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.t('opportunities.form.project')}</legend>
          <div class="row">
            <SelectField
              label={names.projectId}
              name="projectId"
              value={text('projectId')}
              problems={problems}
              choices={[
                { value: '', label: t.t('opportunities.form.noProject') },
                ...props.projects.map((project) => ({ value: project.id, label: project.title })),
                { value: 'new', label: t.t('opportunities.form.newProject') },
              ]}
            />
            <InputField
              label={names.newProjectTitle}
              name="newProjectTitle"
              value={text('newProjectTitle')}
              problems={problems}
              attrs={{ maxlength: 120 }}
            />
          </div>
        </fieldset>
        {opportunity ? null : (
          <p>
            <label class="inline">
              <input type="checkbox" name="publish" value="yes" checked={checked('publish')} />{' '}
              {t.t('opportunities.form.publish')}
            </label>
          </p>
        )}
        <p class="actions">
          <button type="submit">{t.t('opportunities.form.save')}</button>
          <a href={opportunity ? `/console/opportunities/${opportunity.id}` : '/console/opportunities'}>
            {t.t('opportunities.form.cancel')}
          </a>
        </p>
      </form>
    </ConsoleLayout>
  );
}

/** The stored opportunity as form values (for the edit form). */
export function formValuesOf(row: Opportunity): OpportunityFormValues {
  const values: OpportunityFormValues = {
    title: row.title,
    description: row.description,
    tasks: row.tasks ?? '',
    fieldsOfActivity: row.fieldsOfActivity,
    remote: row.remote ? 'yes' : '',
    postalCode: row.postalCode ?? '',
    streetAddress: row.streetAddress ?? '',
    timeKind: row.timePattern.kind,
    minCommitmentMonths: row.minCommitmentMonths?.toString() ?? '',
    places: String(row.places),
    requiresCertificate: row.requiresCertificate ? 'yes' : '',
    minimumAge: row.minimumAge?.toString() ?? '',
    languages: row.languages.join(', '),
    skills: row.skills,
    forNewcomers: row.forNewcomers ? 'yes' : '',
    littleGermanOk: row.littleGermanOk ? 'yes' : '',
    accessible: row.accessible ? 'yes' : '',
    hostOffers: row.hostOffers,
    contactName: row.contactName ?? '',
    contactEmail: row.contactEmail ?? '',
    contactPhone: row.contactPhone ?? '',
    projectId: row.projectId ?? '',
  };
  const pattern = row.timePattern;
  if (pattern.kind === 'weekly') {
    pattern.slots.slice(0, WEEKLY_ROWS).forEach((slot, i) => {
      values[`weekday${i}`] = String(slot.weekday);
      values[`slotStart${i}`] = slot.start;
      values[`slotEnd${i}`] = slot.end;
    });
  } else if (pattern.kind === 'flexible') {
    values.hoursPerWeek = pattern.hoursPerWeek?.toString() ?? '';
    values.hoursPerMonth = pattern.hoursPerMonth?.toString() ?? '';
  } else {
    values.date = pattern.date;
    values.start = pattern.start;
    values.end = pattern.end;
  }
  return values;
}

const ACTIONS_BY_STATUS: Record<OpportunityStatus, readonly string[]> = {
  draft: ['publish', 'archive'],
  'in-review': ['approve', 'reject', 'draft', 'archive'],
  published: ['confirm', 'pause', 'fill', 'draft', 'archive'],
  paused: ['publish', 'confirm', 'fill', 'draft', 'archive'],
  filled: ['publish', 'draft', 'archive'],
  archived: [],
};

const ACTION_LABELS: Record<string, MessageKey> = {
  publish: 'opportunities.detail.publish',
  pause: 'opportunities.detail.pause',
  fill: 'opportunities.detail.fill',
  archive: 'opportunities.detail.archive',
  draft: 'opportunities.detail.draft',
  approve: 'opportunities.detail.approve',
  reject: 'opportunities.detail.reject',
  confirm: 'opportunities.detail.confirm',
};

export function OpportunityDetailPage(props: {
  view: ConsoleView;
  labels: Labels;
  opportunity: Opportunity;
  providerName: string;
  projectTitle: string | null;
  placements: OpportunityPlacementRow[];
  today: string;
  notice?: string | null;
  problems?: FieldError[];
}) {
  const { view, labels, opportunity: o, placements, today } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const started = placements.filter((placement) => placement.stage === 'started').length;
  const overdue =
    o.reviewBy !== null && o.reviewBy < today && (o.status === 'published' || o.status === 'paused');
  const suitability = (['forNewcomers', 'littleGermanOk', 'accessible'] as const).filter((name) => o[name]);
  const actions = ACTIONS_BY_STATUS[o.status] ?? [];
  return (
    <ConsoleLayout view={view} title={o.title} active="opportunities" notice={props.notice} css={OVERDUE_CSS}>
      <FormErrors view={view} problems={problems} labels={{ note: t.t('opportunities.detail.note') }} />
      <p class="actions">
        <a href={`/console/opportunities/${o.id}/edit`}>{t.t('opportunities.detail.edit')}</a>
        <a href={`/console/opportunities/${o.id}/volunteers`}>{t.t('opportunities.detail.fitting')}</a>
        <a href={`/console/catalogue?opportunity=${o.id}`}>{t.t('opportunities.detail.catalogue')}</a>
      </p>
      <dl class="card">
        <dt>{t.t('opportunities.detail.host')}</dt>
        <dd>
          <a href={`/console/providers/${o.providerId}`}>{props.providerName}</a>
        </dd>
        {props.projectTitle ? (
          <>
            <dt>{t.t('opportunities.detail.project')}</dt>
            <dd>{props.projectTitle}</dd>
          </>
        ) : null}
        <dt>{t.t('opportunities.detail.status')}</dt>
        <dd>
          {statusLabel(t, o.status)}
          {o.submittedBy === 'host' ? ` (${t.t('opportunities.detail.submittedByHost')})` : ''}
          {o.status === 'paused' && o.pausedReason && PAUSED_BY[o.pausedReason]
            ? ` – ${t.t('opportunities.detail.pausedReason')}: ${t.t(PAUSED_BY[o.pausedReason])}`
            : ''}
        </dd>
        <dt>{t.t('opportunities.detail.reviewBy')}</dt>
        <dd>
          {o.reviewBy ? formatCalendarDate(o.reviewBy, t) : '–'}
          {overdue ? <strong class="overdue"> {t.t('opportunities.detail.overdue')}</strong> : null}
        </dd>
        <dt>{t.t('opportunities.form.fields')}</dt>
        <dd>{o.fieldsOfActivity.map((key) => labels.field(key)).join(', ')}</dd>
        <dt>{t.t('opportunities.detail.place')}</dt>
        <dd>
          {o.remote
            ? t.t('opportunities.remote')
            : [o.streetAddress, o.postalCode, o.district].filter(Boolean).join(', ')}
        </dd>
        <dt>{t.t('opportunities.detail.time')}</dt>
        <dd>{timeText(t, o.timePattern)}</dd>
        {o.minCommitmentMonths ? (
          <>
            <dt>{t.t('opportunities.detail.commitment')}</dt>
            <dd>{t.t('opportunities.detail.months', { n: o.minCommitmentMonths })}</dd>
          </>
        ) : null}
        <dt>{t.t('opportunities.detail.places')}</dt>
        <dd>
          {t.t('opportunities.detail.openPlaces', {
            open: Math.max(0, o.places - started),
            places: o.places,
          })}
        </dd>
        <dt>{t.t('opportunities.detail.requirements')}</dt>
        <dd>
          {[
            o.requiresCertificate ? t.t('opportunities.detail.certificate') : null,
            o.minimumAge ? t.t('opportunities.detail.minimumAge', { age: o.minimumAge }) : null,
            o.languages.length > 0
              ? `${t.t('opportunities.detail.languages')}: ${o.languages.join(', ')}`
              : null,
            o.skills.length > 0 ? o.skills.map((key) => labels.skill(key)).join(', ') : null,
          ]
            .filter(Boolean)
            .join('; ') || t.t('opportunities.detail.none')}
        </dd>
        <dt>{t.t('opportunities.detail.suitability')}</dt>
        <dd>
          {suitability.length > 0
            ? suitability.map((name) => t.t(SUITABILITY_LABELS[name])).join(', ')
            : t.t('opportunities.detail.none')}
        </dd>
        <dt>{t.t('opportunities.detail.hostOffers')}</dt>
        <dd>
          {o.hostOffers.length > 0
            ? o.hostOffers.map((offer) => t.t(OFFER_LABELS[offer] ?? 'opportunities.detail.none')).join(', ')
            : t.t('opportunities.detail.none')}
        </dd>
        <dt>{t.t('opportunities.detail.contact')}</dt>
        <dd>{[o.contactName, o.contactEmail, o.contactPhone].filter(Boolean).join(', ') || '–'}</dd>
      </dl>
      <p style="white-space: pre-line">{o.description}</p>
      {o.tasks ? <p style="white-space: pre-line">{o.tasks}</p> : null}
      {actions.length > 0 ? (
        <section class="card" aria-labelledby="opportunity-actions">
          <h2 id="opportunity-actions">{t.t('opportunities.detail.actions')}</h2>
          <p class="actions">
            {actions
              .filter((action) => action !== 'pause' && action !== 'reject')
              .map((action) => (
                <ActionButton
                  key={action}
                  view={view}
                  action={`/console/opportunities/${o.id}/actions`}
                  hidden={{ action }}
                  className={action === 'archive' ? 'danger' : action === 'draft' ? 'secondary' : undefined}
                  label={t.t(ACTION_LABELS[action])}
                />
              ))}
          </p>
          {actions.includes('pause') || actions.includes('reject') ? (
            <form method="post" action={`/console/opportunities/${o.id}/actions`}>
              <CsrfField view={view} />
              <TextareaField
                label={
                  actions.includes('reject')
                    ? t.t('opportunities.detail.rejectNote')
                    : t.t('opportunities.detail.note')
                }
                name="note"
                problems={problems}
                attrs={{ maxlength: 1000 }}
              />
              <button type="submit" name="action" value={actions.includes('reject') ? 'reject' : 'pause'}>
                {t.t(ACTION_LABELS[actions.includes('reject') ? 'reject' : 'pause'])}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="opportunity-placements">
        <h2 id="opportunity-placements">{t.t('opportunities.detail.placements')}</h2>
        {placements.length === 0 ? (
          <p>{t.t('opportunities.detail.noPlacements')}</p>
        ) : (
          PLACEMENT_STAGES.filter((stage) => placements.some((placement) => placement.stage === stage)).map(
            (stage) => (
              <div key={stage}>
                <h3>{t.t(STAGE_LABELS[stage])}</h3>
                <ul>
                  {placements
                    .filter((placement) => placement.stage === stage)
                    .map((placement) => (
                      <li key={placement.id}>
                        <a href={`/console/placements/${placement.id}`}>{placement.volunteerName}</a> (
                        {formatDateTime(placement.stageChangedAt, t)})
                      </li>
                    ))}
                </ul>
              </div>
            ),
          )
        )}
      </section>
    </ConsoleLayout>
  );
}

/** On the provider's console page: its projects and opportunities, and a link to add one. */
export function ProviderOpportunitiesSection(props: {
  view: ConsoleView;
  providerId: string;
  projects: Project[];
  opportunities: Opportunity[];
}) {
  const { t } = props.view;
  return (
    <section class="card" aria-labelledby="provider-opportunities">
      <h2 id="provider-opportunities">{t.t('opportunities.provider.section')}</h2>
      <p>
        <a href={`/console/opportunities/new?provider=${props.providerId}`}>
          {t.t('opportunities.provider.newOpportunity')}
        </a>
      </p>
      <h3>{t.t('opportunities.provider.projects')}</h3>
      {props.projects.length === 0 ? (
        <p>{t.t('opportunities.provider.noProjects')}</p>
      ) : (
        <ul>
          {props.projects.map((project) => (
            <li key={project.id}>{project.title}</li>
          ))}
        </ul>
      )}
      <h3>{t.t('opportunities.provider.opportunities')}</h3>
      {props.opportunities.length === 0 ? (
        <p>{t.t('opportunities.provider.noOpportunities')}</p>
      ) : (
        <ul>
          {props.opportunities.map((row) => (
            <li key={row.id}>
              <a href={`/console/opportunities/${row.id}`}>{row.title}</a> – {statusLabel(t, row.status)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
