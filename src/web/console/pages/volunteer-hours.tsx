import type { FieldError } from '../../../common/validation';
import type { MessageKey, Translator } from '../../../i18n';
import { formatMinutes } from '../../../hours/domain/hour-rules';
import type { HoursSettings } from '../../../hours/domain/hours-settings';
import type { HourEntryRow, HoursSummary, HourTargetRow } from '../../../hours/hours.service';
import {
  ActionButton,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  type Choice,
  type ConsoleView,
} from '../view';

/*
 * Hours in the console: the approval queue (/console/hours), the "Stunden" section of a
 * volunteer's profile, the form to enter hours when it comes back with problems, and the small
 * admin page for the Engagementkarte threshold.
 */

export interface VolunteerHoursData {
  summary: HoursSummary;
  entries: HourEntryRow[];
  targets: HourTargetRow[];
  today: string;
}

const STATUS = {
  submitted: 'hours.status.submitted',
  approved: 'hours.status.approved',
  rejected: 'hours.status.rejected',
} as const satisfies Record<HourEntryRow['status'], MessageKey>;

const SOURCE = {
  volunteer: 'hours.source.volunteer',
  staff: 'hours.source.staff',
  import: 'hours.source.import',
} as const satisfies Record<HourEntryRow['enteredBy'], MessageKey>;

const dateText = (t: Translator, day: string): string =>
  t.date(new Date(`${day}T12:00:00Z`), { dateStyle: 'medium' });

/** What an entry was for, in staff words; never the help-seeker. */
export function entryWhat(t: Translator, entry: HourEntryRow, category: (key: string) => string): string {
  const what = entry.matchId
    ? t.t('hours.target.match', { category: category(entry.category ?? '') })
    : entry.placementId
      ? t.t('hours.target.placement', { title: entry.opportunityTitle ?? '', host: entry.hostName ?? '' })
      : t.t('hours.target.general');
  return entry.activity ? `${what} – ${entry.activity}` : what;
}

function statusText(t: Translator, entry: HourEntryRow): string {
  return entry.status === 'approved' && entry.originalMinutes !== null
    ? t.t('hours.status.corrected', { duration: formatMinutes(entry.originalMinutes) })
    : t.t(STATUS[entry.status]);
}

export function targetChoices(
  t: Translator,
  targets: HourTargetRow[],
  category: (key: string) => string,
): Choice[] {
  return targets.map((row) => ({
    value: row.target.kind === 'general' ? 'general' : `${row.target.kind}:${row.target.id}`,
    label:
      row.target.kind === 'general'
        ? t.t('hours.target.general')
        : row.target.kind === 'match'
          ? t.t('hours.target.match', { category: category(row.category ?? '') }) +
            (row.district ? ` (${row.district})` : '')
          : t.t('hours.target.placement', { title: row.opportunityTitle ?? '', host: row.hostName ?? '' }),
  }));
}

/** Row actions for a waiting entry: approve, reject, correct (minutes) – each its own small form. */
function ReviewActions(props: { view: ConsoleView; entry: HourEntryRow; back: string }) {
  const { view, entry } = props;
  const { t } = view;
  const hidden = { back: props.back };
  return (
    <div class="actions">
      {entry.status === 'submitted' ? (
        <ActionButton
          view={view}
          action={`/console/hours/${entry.id}/approve`}
          label={t.t('hours.action.approve')}
          hidden={hidden}
        />
      ) : null}
      {entry.status !== 'rejected' ? (
        <ActionButton
          view={view}
          action={`/console/hours/${entry.id}/reject`}
          label={t.t('hours.action.reject')}
          className="danger"
          hidden={hidden}
        />
      ) : null}
      <form method="post" action={`/console/hours/${entry.id}/correct`} class="inline">
        <CsrfField view={view} />
        <input type="hidden" name="back" value={props.back} />
        <label class="visually-hidden" for={`correct-${entry.id}`}>
          {t.t('hours.action.correctMinutes', { date: dateText(t, entry.workedOn) })}
        </label>
        <input
          id={`correct-${entry.id}`}
          name="minutes"
          inputMode="numeric"
          size={4}
          style="width:5rem"
          value={String(entry.minutes)}
        />{' '}
        <button type="submit" class="secondary">
          {t.t('hours.action.correct')}
        </button>
      </form>
    </div>
  );
}

/** The profile's "Stunden" section: totals by year and activity, entries, add form, proof. */
export function VolunteerHoursSection(props: {
  view: ConsoleView;
  volunteerId: string;
  data?: VolunteerHoursData;
  category: (key: string) => string;
}) {
  const { view, data, volunteerId } = props;
  const { t } = view;
  if (!data) {
    return null;
  }
  const year = data.today.slice(0, 4);
  const keyLabel = (key: string): string =>
    key.startsWith('category:')
      ? t.t('hours.target.match', { category: props.category(key.slice(9)) })
      : key.startsWith('opportunity:')
        ? key.slice(12)
        : t.t('hours.target.general');
  return (
    <section class="card" aria-labelledby="h-hours" id="hours">
      <h2 id="h-hours">{t.t('hours.section.title')}</h2>
      <p>
        {t.t('hours.section.total', {
          duration: formatMinutes(data.summary.approvedMinutes),
          waiting: formatMinutes(data.summary.submittedMinutes),
        })}
      </p>
      {data.summary.years.length === 0 ? (
        <p class="muted">{t.t('hours.section.none')}</p>
      ) : (
        <div class="table-wrap">
          <table id="hours-years">
            <thead>
              <tr>
                <th scope="col">{t.t('hours.section.year')}</th>
                <th scope="col">{t.t('hours.col.minutes')}</th>
                <th scope="col">{t.t('hours.section.byWhat')}</th>
              </tr>
            </thead>
            <tbody>
              {data.summary.years.map((row) => (
                <tr key={row.year}>
                  <th scope="row">{row.year}</th>
                  <td>{formatMinutes(row.minutes)}</td>
                  <td>
                    {row.byKey
                      .map((item) => `${keyLabel(item.key)}: ${formatMinutes(item.minutes)}`)
                      .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.entries.length > 0 ? (
        <>
          <h3>{t.t('hours.section.entries')}</h3>
          <div class="table-wrap">
            <table id="hours-entries">
              <thead>
                <tr>
                  <th scope="col">{t.t('hours.col.date')}</th>
                  <th scope="col">{t.t('hours.col.what')}</th>
                  <th scope="col">{t.t('hours.col.minutes')}</th>
                  <th scope="col">{t.t('hours.col.status')}</th>
                  <th scope="col">{t.t('hours.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{dateText(t, entry.workedOn)}</td>
                    <td>{entryWhat(t, entry, props.category)}</td>
                    <td>{formatMinutes(entry.minutes)}</td>
                    <td>
                      {statusText(t, entry)} <span class="muted">({t.t(SOURCE[entry.enteredBy])})</span>
                    </td>
                    <td>
                      <ReviewActions view={view} entry={entry} back={`volunteer:${volunteerId}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h3>{t.t('hours.section.add')}</h3>
      <HoursEntryForm
        view={view}
        volunteerId={volunteerId}
        data={data}
        category={props.category}
        values={{}}
        problems={[]}
      />
      <h3>{t.t('hours.section.proof')}</h3>
      <p>
        <a href={`/console/volunteers/${volunteerId}/proof?year=${year}`}>
          {t.t('hours.section.proofYear', { year })}
        </a>
      </p>
      <form method="get" action={`/console/volunteers/${volunteerId}/proof`} class="row">
        <InputField label={t.t('hours.section.proofFrom')} name="from" type="date" value={`${year}-01-01`} />
        <InputField label={t.t('hours.section.proofTo')} name="to" type="date" value={data.today} />
        <div>
          <button type="submit" class="secondary">
            {t.t('hours.section.proofPeriod')}
          </button>
        </div>
      </form>
    </section>
  );
}

function HoursEntryForm(props: {
  view: ConsoleView;
  volunteerId: string;
  data: VolunteerHoursData;
  category: (key: string) => string;
  values: Record<string, string | undefined>;
  problems: FieldError[];
}) {
  const { view, values, problems } = props;
  const { t } = view;
  return (
    <form method="post" action={`/console/volunteers/${props.volunteerId}/hours`} novalidate>
      <CsrfField view={view} />
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          workedOn: t.t('hours.form.workedOn'),
          minutes: t.t('hours.form.minutes'),
          activity: t.t('hours.form.activity'),
          target: t.t('hours.form.target'),
        }}
      />
      <div class="row">
        <InputField
          label={t.t('hours.form.workedOn')}
          name="workedOn"
          type="date"
          required
          value={values.workedOn ?? props.data.today}
          problems={problems}
        />
        <InputField
          label={t.t('hours.form.minutes')}
          name="minutes"
          required
          value={values.minutes}
          problems={problems}
          attrs={{ inputmode: 'numeric' }}
        />
        <SelectField
          label={t.t('hours.form.target')}
          name="target"
          value={values.target ?? 'general'}
          choices={targetChoices(t, props.data.targets, props.category)}
          problems={problems}
        />
      </div>
      <InputField
        label={t.t('hours.form.activity')}
        name="activity"
        value={values.activity}
        problems={problems}
        attrs={{ maxlength: 200 }}
      />
      <p>
        <button type="submit">{t.t('hours.form.save')}</button>
      </p>
    </form>
  );
}

/** The add form again, with its problems (400). */
export function HoursEntryPage(props: {
  view: ConsoleView;
  volunteerId: string;
  volunteerName: string;
  data: VolunteerHoursData;
  category: (key: string) => string;
  values: Record<string, string | undefined>;
  problems: FieldError[];
}) {
  const { view } = props;
  return (
    <ConsoleLayout
      view={view}
      title={view.t.t('hours.form.addTitle', { name: props.volunteerName })}
      active="volunteers"
    >
      <p>
        <a href={`/console/volunteers/${props.volunteerId}#hours`}>{view.t.t('hours.form.back')}</a>
      </p>
      <div class="card">
        <HoursEntryForm {...props} />
      </div>
    </ConsoleLayout>
  );
}

/** Hours waiting for approval, oldest first; tick several and approve them at once. */
export function HoursQueuePage(props: {
  view: ConsoleView;
  entries: HourEntryRow[];
  category: (key: string) => string;
  notice: string | null;
}) {
  const { view, entries } = props;
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('hours.queue.title')} active="hours" notice={props.notice}>
      <p>{t.t('hours.queue.intro')}</p>
      {entries.length === 0 ? (
        <p class="card" id="hours-queue-empty">
          {t.t('hours.queue.none')}
        </p>
      ) : (
        <>
          <form method="post" action="/console/hours/approve" id="bulk-approve">
            <CsrfField view={view} />
            <p>
              <button type="submit">{t.t('hours.queue.approveSelected')}</button>
            </p>
          </form>
          <div class="table-wrap">
            <table id="hours-queue">
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">{t.t('hours.queue.approveSelected')}</span>
                  </th>
                  <th scope="col">{t.t('hours.col.volunteer')}</th>
                  <th scope="col">{t.t('hours.col.date')}</th>
                  <th scope="col">{t.t('hours.col.what')}</th>
                  <th scope="col">{t.t('hours.col.minutes')}</th>
                  <th scope="col">{t.t('hours.col.entered')}</th>
                  <th scope="col">{t.t('hours.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <input
                        type="checkbox"
                        name="ids"
                        value={entry.id}
                        form="bulk-approve"
                        aria-label={t.t('hours.queue.select', {
                          name: entry.volunteerName ?? '',
                          date: dateText(t, entry.workedOn),
                        })}
                      />
                    </td>
                    <td>
                      <a href={`/console/volunteers/${entry.volunteerId}#hours`}>{entry.volunteerName}</a>
                    </td>
                    <td>{dateText(t, entry.workedOn)}</td>
                    <td>{entryWhat(t, entry, props.category)}</td>
                    <td>{formatMinutes(entry.minutes)}</td>
                    <td>{t.date(new Date(entry.createdAt), { dateStyle: 'short', timeStyle: 'short' })}</td>
                    <td>
                      <ReviewActions view={view} entry={entry} back="queue" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ConsoleLayout>
  );
}

/** The Engagementkarte threshold the proof states (admins). */
export function HoursSettingsPage(props: {
  view: ConsoleView;
  settings: HoursSettings;
  values?: Record<string, string | undefined>;
  problems: FieldError[];
  notice: string | null;
}) {
  const { view, settings, problems } = props;
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('hours.settings.title')} active="settings" notice={props.notice}>
      <p>{t.t('hours.settings.intro')}</p>
      <form method="post" action="/console/settings/hours" class="card" novalidate>
        <CsrfField view={view} />
        <FormErrors
          view={view}
          problems={problems}
          labels={{
            cardName: t.t('hours.settings.cardName'),
            hoursPerYear: t.t('hours.settings.hoursPerYear'),
          }}
        />
        <InputField
          label={t.t('hours.settings.cardName')}
          name="cardName"
          value={props.values?.cardName ?? settings.cardName}
          problems={problems}
          attrs={{ maxlength: 100 }}
        />
        <InputField
          label={t.t('hours.settings.hoursPerYear')}
          name="hoursPerYear"
          value={props.values?.hoursPerYear ?? String(settings.hoursPerYear)}
          problems={problems}
          attrs={{ inputmode: 'numeric' }}
        />
        <p>
          <button type="submit">{t.t('hours.settings.save')}</button>
        </p>
      </form>
    </ConsoleLayout>
  );
}
