import type { MessageKey, Translator } from '../../../i18n';
import type { UrgencySettings } from '../../../settings/urgency-settings';
import { requestWhen } from '../../shell/schedule-text';
import { formatDateTime, formatWaited } from '../format';
import { CallBacksLink } from './call-backs.page';
import type { TodayItem, TodayOverview, TodaySectionKey } from '../today.queries';
import type { DropOutAlert } from '../volunteer-life.queries';
import { ActionButton, codeLabel, ConsoleLayout, localized, type ConsoleView } from '../view';
import type { Labels } from './labels';
import { UrgencySummary } from './urgency.page';
import { DropOutAlerts } from './volunteer-life.page';

const SECTION_TITLES: Record<TodaySectionKey, MessageKey> = {
  escalated: 'console.today.sec.escalated',
  overdue: 'console.today.sec.overdue',
  callBack: 'console.today.callBack',
  new: 'console.today.new',
  noEligible: 'console.today.noEligible',
  declined: 'console.today.declined',
  review: 'console.today.review',
  offered: 'console.today.sec.offered',
  appointments: 'console.today.appointments',
  signUps: 'console.today.sec.signUps',
  undeliverable: 'console.today.undeliverable',
  placementFollowUpProblems: 'console.placementFollowUp.today',
  placementsStuck: 'placements.today.stuck',
  opportunitiesPastReview: 'placements.today.pastReview',
};

/** "2 Std. 15 Min. über der Frist": how far past its threshold a request is, in working time. */
export function overdueText(minutes: number, t: Translator): string {
  return minutes < 60
    ? t.t('console.today.overdueMinutes', { minutes })
    : t.t('console.today.overdueHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function ItemLine(props: {
  view: ConsoleView;
  labels: Labels;
  section: TodaySectionKey;
  item: TodayItem;
  now: Date;
}) {
  const { view, labels, section, item, now } = props;
  const { t } = view;
  const detail = !item.detail
    ? ''
    : typeof item.detail === 'string'
      ? item.detail
      : localized(t, item.detail);
  const title = item.category
    ? `${labels.category(item.category)} · ${item.district ?? ''}`
    : item.label && item.href
      ? item.label
      : codeLabel(t, item.label ?? '');
  const prefix =
    section === 'noEligible' && detail
      ? `${t.t('console.today.mostlyExcluded')} `
      : section === 'offered' && detail
        ? `${t.t('console.today.offeredTo')} `
        : '';
  const request = item.request;
  const href = item.requestId ? `/console/requests/${item.requestId}` : (item.href ?? '/console/mail');
  const flagged = item.overdueMinutes !== undefined || section === 'escalated';
  return (
    <li class={flagged ? 'flagged' : undefined}>
      <span>
        <a href={href}>{title}</a>
        {request ? (
          <>
            <br />
            <span class="facts">
              {[
                request.name ?? '–',
                codeLabel(t, request.source),
                requestWhen(t, request),
                `${t.t('console.today.urgency')} ${codeLabel(t, request.urgency)}`,
                section === 'overdue' || section === 'escalated' ? codeLabel(t, request.status) : null,
              ]
                .filter((part): part is string => part !== null)
                .join(' · ')}
            </span>
          </>
        ) : null}
        {detail ? (
          <>
            <br />
            <span class="muted">{prefix + detail}</span>
          </>
        ) : null}
        {section === 'offered' ? (
          <>
            <br />
            <span>
              {item.deadline
                ? t.t('console.today.answerBy', { deadline: formatDateTime(item.deadline, t) })
                : t.t('console.today.noDeadline')}
            </span>
          </>
        ) : null}
        {section === 'escalated' ? (
          <>
            <br />
            <strong class="flag">{t.t('console.today.escalatedNote')}</strong>
          </>
        ) : null}
        {item.overdueMinutes !== undefined ? (
          <>
            <br />
            <strong class="flag">{overdueText(item.overdueMinutes, t)}</strong>
          </>
        ) : null}
      </span>
      <span class="actions">
        <span class="waited">
          {t.t('console.today.waiting')} {formatWaited(now.getTime() - item.since.getTime(), t)}
        </span>
        {section === 'callBack' && item.requestId ? (
          <>
            {item.callTaskId ? (
              <a
                class="secondary"
                href={`/api/staff/call-tasks/${item.callTaskId}/letter?locale=${t.locale}`}
              >
                {t.t('console.today.letter')}
              </a>
            ) : null}{' '}
            <ActionButton
              view={view}
              action={`/console/requests/${item.requestId}/called-back`}
              label={t.t('console.today.calledBack')}
              className="secondary"
            />
          </>
        ) : null}
      </span>
    </li>
  );
}

export function TodayPage(props: {
  view: ConsoleView;
  labels: Labels;
  today: TodayOverview;
  urgency: UrgencySettings;
  now: Date;
  notice?: string | null;
  dropOuts?: DropOutAlert[];
}) {
  const { view, labels, today, now } = props;
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('console.today.title')} active="today" notice={props.notice}>
      <p>{t.t('console.today.intro')}</p>
      <UrgencySummary view={view} settings={props.urgency} />
      <CallBacksLink view={view} />
      <div class="grid">
        <DropOutAlerts view={view} labels={labels} alerts={props.dropOuts} />
        {today.sections.map(({ key, items }) => (
          <section class="card" aria-labelledby={`today-${key}`} key={key} id={`section-${key}`}>
            <h2 id={`today-${key}`}>
              {t.t(SECTION_TITLES[key])} <span class="count">{t.number(items.length)}</span>
            </h2>
            {items.length === 0 ? (
              <p class="muted">{t.t('console.today.empty')}</p>
            ) : (
              <ul class="items">
                {items.map((item, index) => (
                  <ItemLine key={index} view={view} labels={labels} section={key} item={item} now={now} />
                ))}
              </ul>
            )}
          </section>
        ))}
        <section class="card" aria-labelledby="today-districts">
          <h2 id="today-districts">{t.t('console.today.districts')}</h2>
          {today.districts.length === 0 ? (
            <p class="muted">{t.t('console.today.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.t('console.today.district')}</th>
                    <th scope="col">{t.t('console.today.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {today.districts.map((row) => (
                    <tr key={row.district}>
                      <td>{row.district}</td>
                      <td>{t.number(row.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </ConsoleLayout>
  );
}
