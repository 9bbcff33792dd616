import type { FieldError } from '../../../common/validation';
import type { Translator } from '../../../i18n';
import { type WeeklySlot } from '../../../shared/schedule';
import { LANGUAGE_LEVELS, VOLUNTEER_STATUSES, type LanguageSkill } from '../../../shared/volunteer-profile';
import { availabilityLine, formatCalendarDate, formatDateTime, weekdayName } from '../format';
import {
  CERTIFICATE_FILTERS,
  volunteerFiltersQuery,
  type UnknownFilterValue,
  type VolunteerFilters,
} from '../volunteer-search';
import { GenderField } from './statistics-fields';
import { VolunteerAssignmentsSection } from './volunteer-assignments';
import { VolunteerHoursSection, type VolunteerHoursData } from './volunteer-hours';
import {
  ExportLink,
  ThisWeekFilter,
  unknownFilterProblems,
  volunteerFilterLabels,
} from './volunteer-search-extras';
import type { VolunteerAssignments } from '../volunteer-assignments.queries';
import {
  CheckboxGroup,
  codeLabel,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  type ConsoleView,
} from '../view';
import { choicesOf, type Labels } from './labels';
import { AdvisoryInterviewsCard } from './volunteer-onboarding.page';
import type { AdvisoryInterviewDto } from '../../../volunteers/dto/advisory-interview.dto';
import type { InterviewLedToPlacement } from './interview-opportunities';
import type { PlacementSummary } from '../../../placements/placements.service';
import { VolunteerPlacementsSection } from './placements.page';

/** A row of the volunteer search read model (volunteer-search.ts). */
export interface VolunteerListRow {
  id: string;
  name: string;
  email: string;
  district: string | null;
  status: string;
  skills: string[];
  languageCodes: string[];
  certificateInspectedOn: string | null;
  awayUntil: string | null;
}

const CERTIFICATE_LABELS = {
  valid: 'console.volunteers.certValid',
  missing: 'console.volunteers.certMissing',
  expired: 'console.volunteers.certExpired',
} as const;

const calendarDate = (date: string | null, t: Translator): string =>
  date ? formatCalendarDate(date, t) : '–';

export function VolunteerListPage(props: {
  view: ConsoleView;
  labels: Labels;
  filters: VolunteerFilters;
  rows: VolunteerListRow[];
  hasNext: boolean;
  districts: string[];
  /** The query as typed (a language name stays as typed) and the values that name nothing known. */
  query?: Record<string, unknown>;
  unknown?: UnknownFilterValue[];
}) {
  const { view, labels, filters, rows } = props;
  const { t } = view;
  const any = { value: '', label: t.t('console.volunteers.any') };
  const problems = unknownFilterProblems(t, props.unknown ?? []);
  return (
    <ConsoleLayout view={view} title={t.t('console.volunteers.title')} active="volunteers">
      <FormErrors view={view} problems={problems} labels={volunteerFilterLabels(t)} />
      <p>
        <a href="/console/volunteers/new">{t.t('console.onboarding.registerLink')}</a>
      </p>
      <form
        method="get"
        action="/console/volunteers"
        class="card"
        role="search"
        aria-label={t.t('console.volunteers.search')}
      >
        <div class="row">
          <InputField label={t.t('console.volunteers.name')} name="q" type="search" value={filters.q ?? ''} />
          <SelectField
            label={t.t('console.volunteers.skill')}
            name="skill"
            choices={[any, ...choicesOf(labels.taxonomy, 'skills', t)]}
            value={filters.skill ?? ''}
            problems={problems}
          />
          <SelectField
            label={t.t('console.volunteerSearch.interest')}
            name="interest"
            choices={[any, ...choicesOf(labels.taxonomy, 'fields', t)]}
            value={filters.interest ?? ''}
            problems={problems}
          />
          <InputField
            label={t.t('console.volunteerSearch.language')}
            name="language"
            value={
              typeof props.query?.language === 'string' ? props.query.language : (filters.language ?? '')
            }
            problems={problems}
            attrs={{ maxlength: 60 }}
          />
        </div>
        <div class="row">
          <SelectField
            label={t.t('console.volunteers.district')}
            name="district"
            choices={[any, ...props.districts.map((value) => ({ value, label: value }))]}
            value={filters.district ?? ''}
            problems={problems}
          />
          <SelectField
            label={t.t('console.volunteers.weekday')}
            name="weekday"
            choices={[
              any,
              ...[1, 2, 3, 4, 5, 6, 7].map((day) => ({ value: String(day), label: weekdayName(day, t) })),
            ]}
            value={String(filters.weekday ?? '')}
            problems={problems}
          />
          <SelectField
            label={t.t('console.volunteers.certificate')}
            name="certificate"
            choices={[
              any,
              ...CERTIFICATE_FILTERS.map((value) => ({ value, label: t.t(CERTIFICATE_LABELS[value]) })),
            ]}
            value={filters.certificate ?? ''}
            problems={problems}
          />
          <SelectField
            label={t.t('console.volunteers.status')}
            name="status"
            choices={[any, ...VOLUNTEER_STATUSES.map((value) => ({ value, label: codeLabel(t, value) }))]}
            value={filters.status ?? ''}
            problems={problems}
          />
        </div>
        <ThisWeekFilter t={t} checked={filters.thisWeek === true} />
        <p>
          <button type="submit">{t.t('console.volunteers.search')}</button>
        </p>
      </form>
      {problems.length === 0 ? <ExportLink t={t} filters={filters} /> : null}
      {rows.length === 0 ? (
        problems.length > 0 ? null : (
          <p id="volunteer-results">{t.t('console.volunteers.none')}</p>
        )
      ) : (
        <div class="table-wrap">
          <table id="volunteer-results">
            <thead>
              <tr>
                <th scope="col">{t.t('console.common.name')}</th>
                <th scope="col">{t.t('console.common.district')}</th>
                <th scope="col">{t.t('console.volunteers.skills')}</th>
                <th scope="col">{t.t('console.volunteers.languages')}</th>
                <th scope="col">{t.t('console.volunteers.certificate')}</th>
                <th scope="col">{t.t('console.common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <a href={`/console/volunteers/${row.id}`}>{row.name}</a>
                  </td>
                  <td>{row.district ?? ''}</td>
                  <td>{row.skills.map(labels.skill).join(', ')}</td>
                  <td>{row.languageCodes.join(', ')}</td>
                  <td>{calendarDate(row.certificateInspectedOn, t)}</td>
                  <td>
                    {codeLabel(t, row.status)}
                    {row.awayUntil ? (
                      <>
                        <br />
                        <span class="muted">
                          {t.t('console.volunteers.awayUntil')} {calendarDate(row.awayUntil, t)}
                        </span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="actions">
        {filters.page > 0 ? (
          <a href={`/console/volunteers?${volunteerFiltersQuery(filters, filters.page - 1)}`}>
            {t.t('console.volunteers.prev')}
          </a>
        ) : null}
        {props.hasNext ? (
          <a href={`/console/volunteers?${volunteerFiltersQuery(filters, filters.page + 1)}`}>
            {t.t('console.volunteers.next')}
          </a>
        ) : null}
      </p>
    </ConsoleLayout>
  );
}

export interface VolunteerProfile {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  postalCode: string;
  district: string | null;
  status: string;
  skills: string[];
  languages: LanguageSkill[];
  availability: WeeklySlot[];
  maxTravelKm: number;
  maxOpenAssignments: number;
  awayUntil: string | null;
  certificateInspectedOn: string | null;
  birthDate?: string | null;
  gender?: string | null;
}

export interface VolunteerHistoryRow {
  requestId: string;
  category: string;
  district: string | null;
  status: string;
  score: number;
  createdAt: Date;
}

/** "de:native, tr:B2" – languages as one editable line. */
export const languagesLine = (languages: LanguageSkill[]): string =>
  languages.map((language) => `${language.code}:${language.level}`).join(', ');

export function parseLanguagesLine(line: string): { code: string; level: string }[] {
  return line
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [code, level] = part.split(':').map((piece) => piece.trim());
      return { code: (code ?? '').toLowerCase(), level: level || 'B1' };
    });
}

export function VolunteerPage(props: {
  view: ConsoleView;
  labels: Labels;
  volunteer: VolunteerProfile;
  history: VolunteerHistoryRow[];
  problems?: FieldError[];
  notice?: string | null;
  assignments?: VolunteerAssignments;
  interviews?: AdvisoryInterviewDto[];
  /** The placements each interview led to (interview id → placements). */
  interviewLedTo?: Record<string, InterviewLedToPlacement[]>;
  placements?: PlacementSummary[];
  hours?: VolunteerHoursData;
}) {
  const { view, labels, volunteer, history } = props;
  const { t } = view;
  // Every field of this form is one line ("availability", not "availability.0.weekday"): a problem
  // inside a line belongs next to that line, and the summary links to it.
  const problems = (props.problems ?? []).map((problem) => ({
    ...problem,
    field: problem.field.split('.')[0],
  }));
  return (
    <ConsoleLayout view={view} title={volunteer.name} active="volunteers" notice={props.notice}>
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          name: t.t('console.common.name'),
          phone: t.t('console.providers.phone'),
          postalCode: t.t('console.providers.postalCode'),
          maxTravelKm: t.t('console.volunteers.radius'),
          skills: t.t('console.volunteers.skills'),
          languages: t.t('console.volunteers.languages'),
          availability: t.t('console.volunteers.availability'),
          status: t.t('console.common.status'),
          awayUntil: t.t('console.volunteers.pause'),
          inspectedOn: t.t('console.volunteers.inspectedOn'),
          birthDate: t.t('console.onboarding.birthDate'),
          gender: t.t('console.statistics.gender'),
        }}
      />
      <div class="grid">
        <form method="post" action={`/console/volunteers/${volunteer.id}`} class="card">
          <CsrfField view={view} />
          <h2>{t.t('console.volunteers.profile')}</h2>
          <p class="muted">
            {volunteer.email} · {volunteer.district ?? ''}
          </p>
          <div class="row">
            <InputField
              label={t.t('console.common.name')}
              name="name"
              value={volunteer.name}
              problems={problems}
              required
            />
            <InputField
              label={t.t('console.providers.phone')}
              name="phone"
              type="tel"
              value={volunteer.phone ?? ''}
              problems={problems}
            />
          </div>
          <div class="row">
            <InputField
              label={t.t('console.providers.postalCode')}
              name="postalCode"
              value={volunteer.postalCode}
              problems={problems}
              required
              attrs={{ inputmode: 'numeric', maxlength: 5 }}
            />
            <InputField
              label={t.t('console.volunteers.radius')}
              name="maxTravelKm"
              type="text"
              value={t.number(volunteer.maxTravelKm)}
              problems={problems}
              attrs={{ inputmode: 'decimal' }}
            />
          </div>
          <CheckboxGroup
            legend={t.t('console.volunteers.skills')}
            name="skills"
            choices={choicesOf(labels.taxonomy, 'skills', t)}
            selected={volunteer.skills}
            problems={problems}
          />
          <InputField
            label={t.t('console.onboarding.birthDate')}
            name="birthDate"
            type="date"
            value={volunteer.birthDate ?? ''}
            problems={problems}
          />
          <GenderField t={t} value={volunteer.gender} problems={problems} />
          <InputField
            label={`${t.t('console.volunteers.languages')} (${LANGUAGE_LEVELS.join(', ')})`}
            name="languages"
            value={languagesLine(volunteer.languages)}
            problems={problems}
          />
          <InputField
            label={`${t.t('console.volunteers.availability')} (${t.t('console.volunteers.availabilityHint')})`}
            name="availability"
            value={availabilityLine(volunteer.availability, t)}
            problems={problems}
          />
          <SelectField
            label={t.t('console.common.status')}
            name="status"
            choices={VOLUNTEER_STATUSES.map((value) => ({ value, label: codeLabel(t, value) }))}
            value={volunteer.status}
            problems={problems}
          />
          <p>
            <button type="submit">{t.t('console.form.save')}</button>
          </p>
        </form>
        <div class="card">
          <h2>{t.t('console.volunteers.pause')}</h2>
          {volunteer.awayUntil ? (
            <>
              <p>
                {t.t('console.volunteers.awayUntil')}: <strong id="away-until">{volunteer.awayUntil}</strong>
              </p>
              <form method="post" action={`/console/volunteers/${volunteer.id}/pause`}>
                <CsrfField view={view} />
                <input type="hidden" name="awayUntil" value="" />
                <button type="submit" class="secondary">
                  {t.t('console.volunteers.resume')}
                </button>
              </form>
            </>
          ) : (
            <form method="post" action={`/console/volunteers/${volunteer.id}/pause`}>
              <CsrfField view={view} />
              <InputField
                label={t.t('console.volunteers.pause')}
                name="awayUntil"
                type="date"
                required
                problems={problems}
              />
              <p>
                <button type="submit" class="secondary">
                  {t.t('console.volunteers.pauseSubmit')}
                </button>
              </p>
            </form>
          )}
          <h2>{t.t('console.volunteers.certificate')}</h2>
          <p>
            {volunteer.certificateInspectedOn
              ? formatCalendarDate(volunteer.certificateInspectedOn, t)
              : t.t('console.volunteers.certMissing')}
          </p>
          <form method="post" action={`/console/volunteers/${volunteer.id}/certificate`}>
            <CsrfField view={view} />
            <InputField
              label={t.t('console.volunteers.inspectedOn')}
              name="inspectedOn"
              type="date"
              required
              problems={problems}
            />
            <p>
              <button type="submit" class="secondary">
                {t.t('console.form.save')}
              </button>
            </p>
          </form>
          <h2>{t.t('console.volunteers.links')}</h2>
          <p>{t.t('console.volunteers.linksIntro')}</p>
          <form method="post" action={`/console/volunteers/${volunteer.id}/revoke-links`}>
            <CsrfField view={view} />
            <button type="submit" class="secondary">
              {t.t('console.volunteers.revokeLinks')}
            </button>
          </form>
          <h2>{t.t('console.volunteers.availability')}</h2>
          <p>
            {volunteer.availability
              .map((slot) => `${weekdayName(slot.weekday, t)} ${slot.start}–${slot.end}`)
              .join(', ') || '–'}
          </p>
        </div>
      </div>
      {props.assignments ? (
        <VolunteerAssignmentsSection
          view={view}
          labels={labels}
          volunteerId={volunteer.id}
          data={props.assignments}
        />
      ) : null}
      <AdvisoryInterviewsCard
        view={view}
        labels={labels}
        volunteerId={volunteer.id}
        interviews={props.interviews}
        ledTo={props.interviewLedTo}
      />
      {props.placements ? (
        <VolunteerPlacementsSection t={t} volunteerId={volunteer.id} placements={props.placements} />
      ) : null}
      <VolunteerHoursSection
        view={view}
        volunteerId={volunteer.id}
        data={props.hours}
        category={labels.category}
      />
      <section class="card" aria-labelledby="h-history">
        <h2 id="h-history">{t.t('console.volunteers.history')}</h2>
        {history.length === 0 ? (
          <p class="muted">{t.t('console.today.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.t('console.common.when')}</th>
                  <th scope="col">{t.t('console.common.what')}</th>
                  <th scope="col">{t.t('console.request.score')}</th>
                  <th scope="col">{t.t('console.common.status')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((row, index) => (
                  <tr key={index}>
                    <td>{formatDateTime(row.createdAt, t)}</td>
                    <td>
                      <a href={`/console/requests/${row.requestId}`}>
                        {labels.category(row.category)}, {row.district ?? ''}
                      </a>
                    </td>
                    <td>{t.number(row.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</td>
                    <td>{codeLabel(t, row.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </ConsoleLayout>
  );
}
