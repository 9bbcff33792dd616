import type { MessageKey, Translator } from '../../../i18n';
import { shownValue, type ProtectedCell } from '../../../reports/domain/small-numbers';
import type { Report, ReportTable, ReportTableName } from '../../../reports/reports.service';
import type { AgencyProfile } from '../../../settings/dto/agency-profile.dto';
import type { FieldError } from '../../../common/validation';
import type { Labels } from '../pages/labels';
import { PRINT_CSS } from '../pages/print-css';
import { ConsoleLayout, FormErrors, codeLabel, type ConsoleView } from '../view';
import { DistrictBubbles, MonthChart } from './report-charts';
import { closeDetailLabel } from '../pages/request-close';

export const REPORT_CSS = `
  .report-form { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: end; }
  .report-form label { display: flex; flex-direction: column; font-weight: 600; }
  .report-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
  @media screen { .report-grid > div { overflow-x: auto; } }
  @media (max-width: 60rem) { .report-grid { grid-template-columns: 1fr; } }
  table.figures { border-collapse: collapse; width: 100%; }
  table.figures th, table.figures td { padding: .3rem .5rem; border-bottom: 1px solid #ccd; text-align: right; }
  table.figures th[scope="row"], table.figures thead th:first-child { text-align: left; }
  table.figures tfoot th, table.figures tfoot td { font-weight: 700; border-top: 2px solid #333; }
  .chart { margin: 0 0 .5rem; }
  .legend-bar, .legend-line { display: inline-block; width: 1rem; height: .6rem; background: #0b3d66; }
  .legend-line { height: .2rem; background: #c45100; vertical-align: middle; }
  details.definition { margin: .25rem 0 .75rem; }
  .letterhead { border-bottom: 2px solid #0b3d66; margin-bottom: 1rem; padding-bottom: .5rem; }
  .letterhead p { margin: 0; }
  .exports a { margin-right: .75rem; }
  @media print { details.definition { display: block; } details.definition > *:not(summary) { display: block; } .exports { display: none; } .report-grid { grid-template-columns: 1fr; } section { break-inside: avoid; } }
`;

const COLUMN_LABELS: Record<string, MessageKey> = {
  received: 'reports.column.received',
  matched: 'reports.column.matched',
  fulfilled: 'reports.column.fulfilled',
  cancelled: 'reports.column.cancelled',
  unfulfilled: 'reports.column.unfulfilled',
  count: 'reports.column.count',
  sent: 'reports.column.sent',
  accepted: 'reports.column.accepted',
  declined: 'reports.column.declined',
  noAnswer: 'reports.column.noAnswer',
  new: 'reports.column.new',
  active: 'reports.column.active',
  left: 'reports.column.left',
  placementsStarted: 'reports.column.placementsStarted',
  advisoryInterviews: 'reports.column.advisoryInterviews',
  value: 'reports.column.value',
};

const KEY_FIGURE_LABELS: Record<string, MessageKey> = {
  requestsReceived: 'reports.figure.requestsReceived',
  volunteerEnquiries: 'reports.figure.volunteerEnquiries',
  advisoryInterviews: 'reports.figure.advisoryInterviews',
  placementsProposed: 'reports.figure.placementsProposed',
  placementsStarted: 'reports.figure.placementsStarted',
  placementsEnded: 'reports.figure.placementsEnded',
  after3MonthsEligible: 'reports.figure.after3MonthsEligible',
  after3MonthsActive: 'reports.figure.after3MonthsActive',
  after12MonthsEligible: 'reports.figure.after12MonthsEligible',
  after12MonthsActive: 'reports.figure.after12MonthsActive',
  hours: 'reports.figure.hours',
  hoursVolunteers: 'reports.figure.hoursVolunteers',
  helpSeekersReached: 'reports.figure.helpSeekersReached',
};

const AGE_LABELS: Record<string, MessageKey> = {
  'under-18': 'reports.age.under18',
  '18-29': 'reports.age.18to29',
  '30-49': 'reports.age.30to49',
  '50-69': 'reports.age.50to69',
  '70-plus': 'reports.age.70plus',
  'not-given': 'reports.notGiven',
};

const TABLE_TITLES: Record<ReportTableName, MessageKey> = {
  requests: 'reports.table.requests',
  reasons: 'reports.table.reasons',
  offers: 'reports.table.offers',
  volunteers: 'reports.table.volunteers',
  ages: 'reports.table.ages',
  genders: 'reports.table.genders',
  'priority-groups': 'reports.table.priorityGroups',
  months: 'reports.table.months',
  'key-figures': 'reports.table.keyFigures',
};

const TABLE_DEFINITIONS: Record<ReportTableName, MessageKey> = {
  requests: 'reports.definition.requests',
  reasons: 'reports.definition.reasons',
  offers: 'reports.definition.offers',
  volunteers: 'reports.definition.volunteers',
  ages: 'reports.definition.ages',
  genders: 'reports.definition.genders',
  'priority-groups': 'reports.definition.priorityGroups',
  months: 'reports.definition.months',
  'key-figures': 'reports.definition.keyFigures',
};

export function columnLabel(t: Translator, column: string): string {
  const key = COLUMN_LABELS[column];
  return key ? t.t(key) : column;
}

/** A row's name in words: district as is, category and source and reasons by their labels. */
export function rowLabeller(t: Translator, labels: Labels, report: Pick<Report, 'breakdown'>) {
  return (table: ReportTableName) =>
    (key: string): string => {
      if (key === 'total') {
        // Priority groups overlap: their total is the people reached, each once.
        return t.t(table === 'priority-groups' ? 'reports.totalPeople' : 'reports.total');
      }
      if (table === 'key-figures') {
        return KEY_FIGURE_LABELS[key] ? t.t(KEY_FIGURE_LABELS[key]) : key;
      }
      if (table === 'ages') {
        return AGE_LABELS[key] ? t.t(AGE_LABELS[key]) : key;
      }
      if (table === 'genders' || table === 'priority-groups') {
        return key === 'not-given' ? t.t('reports.notGiven') : codeLabel(t, key);
      }
      if (key === '') {
        return t.t('reports.notGiven');
      }
      if (table === 'months') {
        return key;
      }
      if (table === 'reasons') {
        return closeDetailLabel(t, key);
      }
      if (table === 'volunteers') {
        return key;
      }
      if (report.breakdown === 'category') {
        return labels.category(key);
      }
      if (report.breakdown === 'source') {
        return codeLabel(t, key);
      }
      return key;
    };
}

export interface ReportQuery {
  kind: string;
  month: string;
  quarter: string;
  year: string;
  from: string;
  to: string;
  breakdown: string;
}

export function queryString(query: ReportQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...extra })) {
    if (value !== '') {
      params.set(key, value);
    }
  }
  return params.toString();
}

function Cell({ cell }: { cell: ProtectedCell }) {
  return <td>{shownValue(cell)}</td>;
}

export function FigureTable(props: {
  t: Translator;
  table: ReportTable;
  rowLabel: (key: string) => string;
  firstColumn: string;
  csvHref?: string;
}) {
  const { t, table } = props;
  // A wide table scrolls sideways beside its chart: keyboard users reach the scroll with Tab.
  return (
    <div tabIndex={0} role="region" aria-label={t.t(TABLE_TITLES[table.name])}>
      <table class="figures" id={`table-${table.name}`}>
        <caption class="visually-hidden">{t.t(TABLE_TITLES[table.name])}</caption>
        <thead>
          <tr>
            <th scope="col">{props.firstColumn}</th>
            {table.columns.map((column) => (
              <th scope="col" key={column}>
                {columnLabel(t, column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 ? (
            <tr>
              <td colSpan={table.columns.length + 1}>{t.t('reports.empty')}</td>
            </tr>
          ) : (
            table.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{props.rowLabel(row.key)}</th>
                {row.cells.map((cell, index) => (
                  <Cell key={index} cell={cell} />
                ))}
              </tr>
            ))
          )}
        </tbody>
        {table.totals.length > 0 ? (
          <tfoot>
            <tr>
              <th scope="row">{props.rowLabel('total')}</th>
              {table.totals.map((cell, index) => (
                <Cell key={index} cell={cell} />
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
      {props.csvHref ? (
        <p class="exports no-print">
          <a href={`${props.csvHref}&separator=semicolon`}>{t.t('reports.csv.semicolon')}</a>
          <a href={`${props.csvHref}&separator=comma`}>{t.t('reports.csv.comma')}</a>
        </p>
      ) : null}
    </div>
  );
}

export function Definition({ t, table }: { t: Translator; table: ReportTableName }) {
  return (
    <details class="definition">
      <summary>{t.t('reports.definition.summary')}</summary>
      <p>{t.t(TABLE_DEFINITIONS[table])}</p>
    </details>
  );
}

const KIND_LABELS: Record<string, MessageKey> = {
  month: 'reports.kind.month',
  quarter: 'reports.kind.quarter',
  year: 'reports.kind.year',
  custom: 'reports.kind.custom',
};

const BREAKDOWN_LABELS: Record<string, MessageKey> = {
  district: 'reports.breakdown.district',
  category: 'reports.breakdown.category',
  source: 'reports.breakdown.source',
};

export function ReportSections(props: { t: Translator; report: Report; labels: Labels; csvBase?: string }) {
  const { t, report } = props;
  const label = rowLabeller(t, props.labels, report);
  const csv = (name: ReportTableName) => (props.csvBase ? `${props.csvBase}&table=${name}` : undefined);
  const breakdownName = t.t(BREAKDOWN_LABELS[report.breakdown]);
  const section = (name: ReportTableName, firstColumn: string, chart?: preact.ComponentChild) => (
    <section class="card" aria-labelledby={`h-${name}`}>
      <h2 id={`h-${name}`}>{t.t(TABLE_TITLES[name])}</h2>
      <Definition t={t} table={name} />
      {chart ? (
        <div class="report-grid">
          {chart}
          <FigureTable
            t={t}
            table={report.tables[name]}
            rowLabel={label(name)}
            firstColumn={firstColumn}
            csvHref={csv(name)}
          />
        </div>
      ) : (
        <FigureTable
          t={t}
          table={report.tables[name]}
          rowLabel={label(name)}
          firstColumn={firstColumn}
          csvHref={csv(name)}
        />
      )}
    </section>
  );
  const ttm = report.timeToMatch;
  return (
    <div>
      {section('key-figures', t.t('reports.column.figure'))}
      <section class="card" aria-labelledby="h-time-to-match">
        <h2 id="h-time-to-match">{t.t('reports.timeToMatch.title')}</h2>
        <details class="definition">
          <summary>{t.t('reports.definition.summary')}</summary>
          <p>{t.t('reports.definition.timeToMatch')}</p>
        </details>
        <p id="time-to-match">
          {ttm.medianHours === null
            ? t.t('reports.timeToMatch.tooFew', { count: shownValue(ttm.count) })
            : t.t('reports.timeToMatch.value', {
                count: shownValue(ttm.count),
                median: String(ttm.medianHours),
                p90: String(ttm.p90Hours),
              })}
        </p>
      </section>
      {section(
        'months',
        t.t('reports.column.month'),
        <MonthChart
          id="chart-months"
          title={t.t('reports.chart.months')}
          table={report.tables.months}
          barColumn={0}
          lineColumn={1}
          barLabel={columnLabel(t, 'received')}
          lineLabel={columnLabel(t, 'matched')}
        />,
      )}
      {section(
        'requests',
        breakdownName,
        report.breakdown === 'district' ? (
          <DistrictBubbles
            id="chart-districts"
            title={t.t('reports.chart.districts')}
            table={report.tables.requests}
            column={0}
            centroids={report.centroids}
            notGiven={t.t('reports.notGiven')}
          />
        ) : undefined,
      )}
      {section('reasons', t.t('reports.column.reason'))}
      {section('offers', breakdownName)}
      {section('volunteers', t.t('reports.breakdown.district'))}
      {section('ages', t.t('reports.column.ageBand'))}
      {section('genders', t.t('reports.column.gender'))}
      {section('priority-groups', t.t('reports.column.priorityGroup'))}
    </div>
  );
}

export function ReportsPage(props: {
  view: ConsoleView;
  report: Report | null;
  labels: Labels;
  query: ReportQuery;
  problems: FieldError[];
}) {
  const { view, query } = props;
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('reports.title')} active="reports" css={REPORT_CSS}>
      <FormErrors view={view} problems={props.problems} />
      <form
        method="get"
        action="/console/reports"
        class="card report-form"
        aria-label={t.t('reports.form.label')}
      >
        <label>
          {t.t('reports.form.kind')}
          <select name="kind">
            {(['month', 'quarter', 'year', 'custom'] as const).map((kind) => (
              <option value={kind} selected={query.kind === kind}>
                {t.t(KIND_LABELS[kind])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.t('reports.form.month')}
          <input type="month" name="month" value={query.month} />
        </label>
        <label>
          {t.t('reports.form.quarter')}
          <input type="text" name="quarter" value={query.quarter} placeholder="2026-Q1" size={8} />
        </label>
        <label>
          {t.t('reports.form.year')}
          <input type="number" name="year" value={query.year} min="2000" max="2100" />
        </label>
        <label>
          {t.t('reports.form.from')}
          <input type="date" name="from" value={query.from} />
        </label>
        <label>
          {t.t('reports.form.to')}
          <input type="date" name="to" value={query.to} />
        </label>
        <label>
          {t.t('reports.form.breakdown')}
          <select name="breakdown">
            {(['district', 'category', 'source'] as const).map((breakdown) => (
              <option value={breakdown} selected={query.breakdown === breakdown}>
                {t.t(BREAKDOWN_LABELS[breakdown])}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t.t('reports.form.show')}</button>
      </form>
      {props.report ? (
        <>
          <p>
            {t.t('reports.periodShown', { period: props.report.period.label })}{' '}
            <a href={`/console/reports/annual?year=${props.report.period.to.slice(0, 4)}`}>
              {t.t('reports.annual.link')}
            </a>
          </p>
          <p class="muted">{t.t('reports.smallNumbers')}</p>
          <ReportSections
            t={t}
            report={props.report}
            labels={props.labels}
            csvBase={`/console/reports/export.csv?${queryString(query)}`}
          />
        </>
      ) : null}
    </ConsoleLayout>
  );
}

export function AnnualReportPage(props: {
  view: ConsoleView;
  report: Report;
  labels: Labels;
  profile: AgencyProfile;
}) {
  const { view, report, profile } = props;
  const { t } = view;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('reports.annual.title', { year: report.period.label })}
      css={REPORT_CSS + PRINT_CSS}
    >
      <div class="letterhead">
        <p>
          <strong>{profile.name}</strong>
        </p>
        <p>
          {profile.street}, {profile.postalCode} {profile.city}
        </p>
        <p>
          {profile.phone} · {profile.email}
        </p>
      </div>
      <p>{t.t('reports.annual.intro', { year: report.period.label, today: report.today })}</p>
      <p class="muted">{t.t('reports.smallNumbers')}</p>
      <p class="no-print">{t.t('reports.annual.print')}</p>
      <ReportSections t={t} report={report} labels={props.labels} />
    </ConsoleLayout>
  );
}
