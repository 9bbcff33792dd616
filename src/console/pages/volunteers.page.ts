import type { FieldError } from '../../common/validation';
import { LANGUAGE_LEVELS, VOLUNTEER_STATUSES, type LanguageSkill } from '../../shared/volunteer-profile';
import { type WeeklySlot } from '../../shared/schedule';
import { availabilityLine, formatDateTime, weekdayName } from '../format';
import { codeLabel } from '../i18n';
import { CERTIFICATE_FILTERS, volunteerFiltersQuery, type VolunteerFilters } from '../volunteer-search';
import {
  checkboxGroup,
  consoleLayout,
  csrfField,
  e,
  errorSummary,
  inputField,
  selectField,
  type ConsoleView,
} from '../view';
import { choicesOf, type Labels } from './labels';

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

export function renderVolunteerListPage(
  view: ConsoleView,
  labels: Labels,
  filters: VolunteerFilters,
  rows: VolunteerListRow[],
  hasNext: boolean,
  districts: string[],
): string {
  const { t } = view;
  const any = { value: '', label: t('volunteers.any') };
  const form = `<form method="get" action="/console/volunteers" class="card" role="search" aria-label="${e(t('volunteers.search'))}">
<div class="row">${inputField(t('volunteers.name'), 'q', { value: filters.q ?? '', type: 'search' })}
${selectField(t('volunteers.skill'), 'skill', [any, ...choicesOf(labels.taxonomy, 'skills', view.lang)], { value: filters.skill ?? '' })}
${inputField(t('volunteers.language'), 'language', { value: filters.language ?? '', attrs: 'maxlength="3"' })}</div>
<div class="row">${selectField(t('volunteers.district'), 'district', [any, ...districts.map((value) => ({ value, label: value }))], { value: filters.district ?? '' })}
${selectField(t('volunteers.weekday'), 'weekday', [any, ...[1, 2, 3, 4, 5, 6, 7].map((day) => ({ value: String(day), label: weekdayName(day, view.lang) }))], { value: String(filters.weekday ?? '') })}
${selectField(t('volunteers.certificate'), 'certificate', [any, ...CERTIFICATE_FILTERS.map((value) => ({ value, label: t(value === 'valid' ? 'volunteers.certValid' : value === 'missing' ? 'volunteers.certMissing' : 'volunteers.certExpired') }))], { value: filters.certificate ?? '' })}
${selectField(t('volunteers.status'), 'status', [any, ...VOLUNTEER_STATUSES.map((value) => ({ value, label: codeLabel(t, value) }))], { value: filters.status ?? '' })}</div>
<p><button type="submit">${e(t('volunteers.search'))}</button></p></form>`;
  const table =
    rows.length === 0
      ? `<p id="volunteer-results">${e(t('volunteers.none'))}</p>`
      : `<div class="table-wrap"><table id="volunteer-results"><thead><tr><th scope="col">${e(t('common.name'))}</th><th scope="col">${e(t('common.district'))}</th><th scope="col">${e(t('volunteers.skills'))}</th><th scope="col">${e(t('volunteers.languages'))}</th><th scope="col">${e(t('volunteers.certificate'))}</th><th scope="col">${e(t('common.status'))}</th></tr></thead><tbody>${rows
          .map(
            (row) =>
              `<tr><td><a href="/console/volunteers/${e(row.id)}">${e(row.name)}</a></td><td>${e(row.district ?? '')}</td><td>${e(row.skills.map(labels.skill).join(', '))}</td><td>${e(row.languageCodes.join(', '))}</td><td>${e(row.certificateInspectedOn ?? '–')}</td><td>${e(codeLabel(t, row.status))}${row.awayUntil ? `<br><span class="muted">${e(t('volunteers.awayUntil'))} ${e(row.awayUntil)}</span>` : ''}</td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  const pager = `<p class="actions">${filters.page > 0 ? `<a href="/console/volunteers?${e(volunteerFiltersQuery(filters, filters.page - 1))}">${e(t('volunteers.prev'))}</a>` : ''}${hasNext ? `<a href="/console/volunteers?${e(volunteerFiltersQuery(filters, filters.page + 1))}">${e(t('volunteers.next'))}</a>` : ''}</p>`;
  return consoleLayout(view, {
    title: t('volunteers.title'),
    active: 'volunteers',
    body: form + table + pager,
  });
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

export function renderVolunteerPage(
  view: ConsoleView,
  labels: Labels,
  volunteer: VolunteerProfile,
  history: VolunteerHistoryRow[],
  options: { errors?: FieldError[]; notice?: string | null } = {},
): string {
  const { t } = view;
  const errors = options.errors ?? [];
  const edit = `<form method="post" action="/console/volunteers/${e(volunteer.id)}" class="card">${csrfField(view)}
<h2>${e(t('volunteers.profile'))}</h2>
<p class="muted">${e(volunteer.email)} · ${e(volunteer.district ?? '')}</p>
<div class="row">${inputField(t('common.name'), 'name', { value: volunteer.name, errors, required: true })}${inputField(t('providers.phone'), 'phone', { value: volunteer.phone ?? '', errors, type: 'tel' })}</div>
<div class="row">${inputField(t('providers.postalCode'), 'postalCode', { value: volunteer.postalCode, errors, required: true, attrs: 'inputmode="numeric" maxlength="5"' })}${inputField(t('volunteers.radius'), 'maxTravelKm', { value: volunteer.maxTravelKm, errors, type: 'number', attrs: 'min="0.5" max="50" step="0.5"' })}</div>
${checkboxGroup(t('volunteers.skills'), 'skills', choicesOf(labels.taxonomy, 'skills', view.lang), volunteer.skills, errors)}
${inputField(`${t('volunteers.languages')} (${LANGUAGE_LEVELS.join(', ')})`, 'languages', { value: languagesLine(volunteer.languages), errors, hint: 'de:native, tr:B2' })}
${inputField(`${t('volunteers.availability')} (${t('volunteers.availabilityHint')})`, 'availability', { value: availabilityLine(volunteer.availability, view.lang), errors })}
${selectField(
  t('common.status'),
  'status',
  VOLUNTEER_STATUSES.map((value) => ({ value, label: codeLabel(t, value) })),
  { value: volunteer.status, errors },
)}
<p><button type="submit">${e(t('form.save'))}</button></p></form>`;
  const pause = `<div class="card"><h2>${e(t('volunteers.pause'))}</h2>${
    volunteer.awayUntil
      ? `<p>${e(t('volunteers.awayUntil'))}: <strong id="away-until">${e(volunteer.awayUntil)}</strong></p><form method="post" action="/console/volunteers/${e(volunteer.id)}/pause">${csrfField(view)}<input type="hidden" name="awayUntil" value=""><button type="submit" class="secondary">${e(t('volunteers.resume'))}</button></form>`
      : `<form method="post" action="/console/volunteers/${e(volunteer.id)}/pause">${csrfField(view)}${inputField(t('volunteers.pause'), 'awayUntil', { type: 'date', required: true, errors })}<p><button type="submit" class="secondary">${e(t('volunteers.pauseSubmit'))}</button></p></form>`
  }<h2>${e(t('volunteers.certificate'))}</h2><p>${e(volunteer.certificateInspectedOn ?? t('volunteers.certMissing'))}</p><form method="post" action="/console/volunteers/${e(volunteer.id)}/certificate">${csrfField(view)}${inputField(t('volunteers.inspectedOn'), 'inspectedOn', { type: 'date', required: true, errors })}<p><button type="submit" class="secondary">${e(t('form.save'))}</button></p></form>
<h2>${e(t('volunteers.availability'))}</h2><p>${e(volunteer.availability.map((slot) => `${weekdayName(slot.weekday, view.lang)} ${slot.start}–${slot.end}`).join(', ') || '–')}</p></div>`;
  const historyTable = `<section class="card" aria-labelledby="h-history"><h2 id="h-history">${e(t('volunteers.history'))}</h2>${
    history.length === 0
      ? `<p class="muted">${e(t('today.empty'))}</p>`
      : `<div class="table-wrap"><table><thead><tr><th scope="col">${e(t('common.when'))}</th><th scope="col">${e(t('common.what'))}</th><th scope="col">${e(t('request.score'))}</th><th scope="col">${e(t('common.status'))}</th></tr></thead><tbody>${history
          .map(
            (row) =>
              `<tr><td>${e(formatDateTime(row.createdAt, view.lang))}</td><td><a href="/console/requests/${e(row.requestId)}">${e(labels.category(row.category))}, ${e(row.district ?? '')}</a></td><td>${row.score.toFixed(1)}</td><td>${e(codeLabel(t, row.status))}</td></tr>`,
          )
          .join('')}</tbody></table></div>`
  }</section>`;
  return consoleLayout(view, {
    title: volunteer.name,
    active: 'volunteers',
    notice: options.notice,
    body: `${errorSummary(view, errors)}<div class="grid">${edit}${pause}</div>${historyTable}`,
  });
}
