import type { FieldError } from '../../../common/validation';
import { HELP_REQUEST_STATUSES } from '../../../help-seekers/domain/request-status';
import { CLOSED_REQUEST_STATUSES } from '../../../help-seekers/domain/request-status';
import {
  REQUEST_SORTS,
  REQUEST_SOURCE_FILTERS,
  REQUEST_URGENCY_FILTERS,
  requestFiltersQuery,
  type FilterProblem,
  type RequestFilters,
  type RequestSort,
  type RequestSourceFilter,
} from '../../../help-seekers/domain/request-search';
import type { RequestListRow } from '../../../help-seekers/request-search.service';
import type { MessageKey, Translator } from '../../../i18n';
import { formatDateTime } from '../format';
import {
  codeLabel,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  type ConsoleView,
} from '../view';
import { choicesOf, type Labels } from './labels';

/** The filter fields' labels, also used to name them in the error summary. */
export function requestFilterLabels(t: Translator): Record<string, string> {
  return {
    status: t.t('console.requestList.status'),
    district: t.t('console.requestList.district'),
    category: t.t('console.requestList.category'),
    urgency: t.t('console.requestList.urgency'),
    source: t.t('console.requestList.source'),
    language: t.t('console.requestList.language'),
    createdFrom: t.t('console.requestList.createdFrom'),
    createdTo: t.t('console.requestList.createdTo'),
    startsFrom: t.t('console.requestList.startsFrom'),
    startsTo: t.t('console.requestList.startsTo'),
    q: t.t('console.requestList.q'),
    sort: t.t('console.requestList.sort'),
    page: t.t('console.requestList.page'),
  };
}

/** A filter value the list does not know, as a field problem in the reader's words. */
export function filterProblemsInWords(t: Translator, problems: FilterProblem[]): FieldError[] {
  return problems.map((problem) => ({
    field: problem.field,
    message:
      problem.kind === 'date'
        ? t.t('console.requestList.error.date')
        : problem.kind === 'range'
          ? t.t('console.requestList.error.range')
          : t.t('console.requestList.error.unknown', { value: problem.value }),
  }));
}

const SORT_LABELS: Record<RequestSort, MessageKey> = {
  created: 'console.requestList.sort.created',
  oldest: 'console.requestList.sort.oldest',
  appointment: 'console.requestList.sort.appointment',
  urgency: 'console.requestList.sort.urgency',
  waiting: 'console.requestList.sort.waiting',
};

const SOURCE_LABELS: Record<RequestSourceFilter, MessageKey> = {
  online: 'console.requestList.source.online',
  phone: 'console.requestList.source.phone',
  provider: 'console.requestList.source.provider',
  'call-back': 'console.requestList.source.call-back',
};

const sourceLabel = (t: Translator, row: RequestListRow): string =>
  row.callBack ? t.t(SOURCE_LABELS['call-back']) : codeLabel(t, row.source);

const shortText = (text: string): string => (text.length > 90 ? `${text.slice(0, 88)}…` : text);

export function RequestListPage(props: {
  view: ConsoleView;
  labels: Labels;
  filters: RequestFilters;
  /** As typed, so a wrong value stays in its field to be corrected. */
  form: Record<string, string>;
  districts: string[];
  rows: RequestListRow[];
  hasNext: boolean;
  problems?: FieldError[];
}) {
  const { view, labels, filters, form, rows } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const names = requestFilterLabels(t);
  const any = { value: '', label: t.t('console.requestList.any') };
  const value = (field: string): string => form[field] ?? '';
  return (
    <ConsoleLayout view={view} title={t.t('console.requestList.title')} active="requests">
      <FormErrors view={view} problems={problems} labels={names} />
      <form method="get" action="/console/requests" class="card" role="search" aria-label={names.q}>
        <div class="row">
          <InputField label={names.q} name="q" type="search" value={value('q')} problems={problems} />
          <SelectField
            label={names.status}
            name="status"
            problems={problems}
            value={form.status ?? filters.status}
            choices={[
              { value: 'open-work', label: t.t('console.requestList.openWork') },
              { value: 'all', label: t.t('console.requestList.allStatuses') },
              ...HELP_REQUEST_STATUSES.map((status) => ({ value: status, label: codeLabel(t, status) })),
            ]}
          />
          <SelectField
            label={names.sort}
            name="sort"
            problems={problems}
            value={form.sort ?? filters.sort}
            choices={REQUEST_SORTS.map((sort) => ({
              value: sort,
              label: t.t(SORT_LABELS[sort]),
            }))}
          />
        </div>
        <div class="row">
          <SelectField
            label={names.district}
            name="district"
            problems={problems}
            value={filters.district ?? ''}
            choices={[any, ...props.districts.map((name) => ({ value: name, label: name }))]}
          />
          <SelectField
            label={names.category}
            name="category"
            problems={problems}
            value={filters.category ?? ''}
            choices={[any, ...choicesOf(labels.taxonomy, 'categories', t)]}
          />
          <SelectField
            label={names.urgency}
            name="urgency"
            problems={problems}
            value={filters.urgency ?? ''}
            choices={[
              any,
              ...REQUEST_URGENCY_FILTERS.map((code) => ({ value: code, label: codeLabel(t, code) })),
            ]}
          />
          <SelectField
            label={names.source}
            name="source"
            problems={problems}
            value={filters.source ?? ''}
            choices={[
              any,
              ...REQUEST_SOURCE_FILTERS.map((code) => ({
                value: code,
                label: t.t(SOURCE_LABELS[code]),
              })),
            ]}
          />
          <InputField
            label={names.language}
            name="language"
            value={value('language')}
            problems={problems}
            attrs={{ maxlength: 3, size: 4 }}
          />
        </div>
        <div class="row">
          {(['createdFrom', 'createdTo', 'startsFrom', 'startsTo'] as const).map((field) => (
            <InputField
              key={field}
              label={names[field]}
              name={field}
              type="date"
              value={value(field)}
              problems={problems}
            />
          ))}
        </div>
        <p class="actions">
          <button type="submit">{t.t('console.requestList.search')}</button>
          <a href="/console/requests">{t.t('console.requestList.reset')}</a>
        </p>
      </form>
      {problems.length > 0 ? null : rows.length === 0 ? (
        <p id="request-results">{t.t('console.requestList.none')}</p>
      ) : (
        <form method="post" action="/console/requests/bulk" id="request-results">
          <CsrfField view={view} />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t.t('console.requestList.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">{t.t('console.requestList.select')}</span>
                  </th>
                  <th scope="col">{t.t('console.requestList.needed')}</th>
                  <th scope="col">{names.category}</th>
                  <th scope="col">{t.t('console.requestList.description')}</th>
                  <th scope="col">{t.t('console.requestList.helpSeeker')}</th>
                  <th scope="col">{names.district}</th>
                  <th scope="col">{names.status}</th>
                  <th scope="col">{names.urgency}</th>
                  <th scope="col">{names.source}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <input
                        type="checkbox"
                        name="ids"
                        value={row.id}
                        id={`pick-${row.id}`}
                        aria-label={t.t('console.requestList.selectOne', {
                          what: `${labels.category(row.category)}, ${row.helpSeekerName ?? ''}`,
                        })}
                      />
                    </td>
                    <td>
                      {row.startsAt ? formatDateTime(row.startsAt, t) : '–'}
                      {row.schedule.kind === 'weekly' ? (
                        <>
                          <br />
                          <span class="muted">{t.t('console.requestList.weekly')}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{labels.category(row.category)}</td>
                    <td>
                      <a href={`/console/requests/${row.id}`}>{shortText(row.description)}</a>
                    </td>
                    <td>
                      {row.helpSeekerId && row.helpSeekerName ? (
                        <a href={`/console/help-seekers/${row.helpSeekerId}`}>{row.helpSeekerName}</a>
                      ) : (
                        '–'
                      )}
                    </td>
                    <td>{row.district ?? ''}</td>
                    <td>
                      {codeLabel(t, row.status)}
                      {row.offerExpiresAt ? (
                        <>
                          <br />
                          <span class="muted">
                            {t.t('console.requestList.answerBy', {
                              deadline: formatDateTime(row.offerExpiresAt, t),
                            })}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td>{codeLabel(t, row.urgency)}</td>
                    <td>{sourceLabel(t, row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <fieldset>
            <legend>{t.t('console.requestList.bulk')}</legend>
            <div class="row">
              <SelectField
                label={t.t('console.requestList.bulkAction')}
                name="action"
                choices={[
                  { value: 'release', label: t.t('console.requestList.bulk.release') },
                  { value: 'close', label: t.t('console.requestList.bulk.close') },
                ]}
              />
              <SelectField
                label={t.t('console.requestList.bulkOutcome')}
                name="outcome"
                choices={[
                  { value: '', label: t.t('console.requestList.bulkOutcomeHint') },
                  ...CLOSED_REQUEST_STATUSES.map((status) => ({
                    value: status,
                    label: codeLabel(t, status),
                  })),
                ]}
              />
              <InputField
                label={t.t('console.requestList.bulkReason')}
                name="reason"
                attrs={{ maxlength: 500 }}
              />
            </div>
            <p>
              <button type="submit" class="secondary">
                {t.t('console.requestList.bulkSubmit')}
              </button>
            </p>
          </fieldset>
        </form>
      )}
      <nav class="actions" aria-label={t.t('console.requestList.pages')}>
        {filters.page > 0 ? (
          <a
            href={`/console/requests?${requestFiltersQuery(filters, { page: filters.page - 1 })}`}
            rel="prev"
          >
            {t.t('console.requestList.prev')}
          </a>
        ) : null}
        {props.hasNext ? (
          <a
            href={`/console/requests?${requestFiltersQuery(filters, { page: filters.page + 1 })}`}
            rel="next"
          >
            {t.t('console.requestList.next')}
          </a>
        ) : null}
      </nav>
    </ConsoleLayout>
  );
}
