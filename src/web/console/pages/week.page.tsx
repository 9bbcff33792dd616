import type { FieldError } from '../../../common/validation';
import type { WeekDay } from '../../../matching/domain/week-plan';
import { addDays } from '../../../shared/berlin-time';
import { isoWeekOf } from '../../../shared/iso-week';
import { formatCalendarDate } from '../format';
import { ConsoleLayout, FormErrors, InputField, type ConsoleView } from '../view';
import type { WeekAssignmentRow } from '../volunteer-assignments.queries';
import type { Labels } from './labels';
import { PRINT_CSS } from './print-css';

export type WeekPlanRow = WeekAssignmentRow & { matchId: string };

/** The week view: who helps whom when, day by day, clashes marked; printable. */
export function WeekPage(props: {
  view: ConsoleView;
  labels: Labels;
  monday: string;
  thisMonday: string;
  days: WeekDay<WeekPlanRow & { firstDate: string | null; lastDate: string | null }>[];
  clashes: number;
  problems?: FieldError[];
  weekInput?: string;
}) {
  const { view, labels, monday, days } = props;
  const { t } = view;
  const week = isoWeekOf(monday);
  const title = t.t('console.week.title', {
    week: week.slice(6),
    from: formatCalendarDate(monday, t),
    to: formatCalendarDate(addDays(monday, 6), t),
  });
  const total = days.reduce((sum, day) => sum + day.occurrences.length, 0);
  return (
    <ConsoleLayout view={view} title={title} active="week" css={PRINT_CSS}>
      <FormErrors view={view} problems={props.problems ?? []} labels={{ week: t.t('console.week.pick') }} />
      <nav class="actions no-print" aria-label={t.t('console.week.pager')}>
        <a href={`/console/week?week=${isoWeekOf(addDays(monday, -7))}`} rel="prev">
          {t.t('console.week.previous')}
        </a>
        {monday !== props.thisMonday ? <a href="/console/week">{t.t('console.week.current')}</a> : null}
        <a href={`/console/week?week=${isoWeekOf(addDays(monday, 7))}`} rel="next">
          {t.t('console.week.next')}
        </a>
      </nav>
      <form method="get" action="/console/week" class="no-print row">
        <InputField
          label={t.t('console.week.pick')}
          name="week"
          type="week"
          value={props.weekInput ?? week}
          problems={props.problems}
        />
        <div>
          <p>
            <button type="submit" class="secondary">
              {t.t('console.week.show')}
            </button>
          </p>
        </div>
      </form>
      <p id="week-summary" role="status">
        {t.t('console.week.summary', { count: total })}
        {props.clashes > 0 ? (
          <>
            {' '}
            <strong class="clash-mark">{t.t('console.week.clashes', { count: props.clashes })}</strong>
          </>
        ) : null}
      </p>
      <p class="muted no-print">{t.t('console.week.printHint')}</p>
      {days.map((day) => (
        <section class="card" key={day.date} aria-labelledby={`day-${day.date}`}>
          <h2 id={`day-${day.date}`}>
            {t.date(new Date(`${day.date}T12:00:00Z`), { weekday: 'long', day: 'numeric', month: 'long' })}
          </h2>
          {day.occurrences.length === 0 ? (
            <p class="muted">{t.t('console.week.none')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.t('console.week.time')}</th>
                    <th scope="col">{t.t('console.week.volunteer')}</th>
                    <th scope="col">{t.t('console.week.helpSeeker')}</th>
                    <th scope="col">{t.t('console.common.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {day.occurrences.map((occurrence) => {
                    const row = occurrence.assignment;
                    const clash = occurrence.clashesWith.length > 0;
                    return (
                      <tr
                        key={`${row.matchId}-${occurrence.start}`}
                        class={clash ? 'clash' : undefined}
                        data-clash={clash ? 'true' : undefined}
                      >
                        <td>
                          {occurrence.start}–{occurrence.end}
                          {row.schedule.kind === 'weekly' ? (
                            <span class="muted"> ({t.t('console.week.weekly')})</span>
                          ) : null}
                          {clash ? (
                            <>
                              <br />
                              <span class="clash-mark">{t.t('console.week.clash')}</span>
                            </>
                          ) : null}
                        </td>
                        <td>
                          <a href={`/console/volunteers/${row.volunteerId}`}>{row.volunteerName}</a>
                        </td>
                        <td>
                          {row.helpSeekerName ?? '–'}
                          {row.district ? <span class="muted"> ({row.district})</span> : null}
                        </td>
                        <td>
                          <a href={`/console/requests/${row.requestId}`}>{labels.category(row.category)}</a>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </ConsoleLayout>
  );
}
