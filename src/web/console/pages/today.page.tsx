import type { MessageKey } from '../../../i18n';
import { formatWaited } from '../format';
import type { TodayItem, TodayOverview, TodaySectionKey } from '../today.queries';
import type { DropOutAlert } from '../volunteer-life.queries';
import { ActionButton, codeLabel, ConsoleLayout, localized, type ConsoleView } from '../view';
import type { Labels } from './labels';
import { DropOutAlerts } from './volunteer-life.page';

const SECTION_TITLES: Record<TodaySectionKey, MessageKey> = {
  new: 'console.today.new',
  noEligible: 'console.today.noEligible',
  review: 'console.today.review',
  declined: 'console.today.declined',
  undeliverable: 'console.today.undeliverable',
  appointments: 'console.today.appointments',
  callBack: 'console.today.callBack',
};

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
    : codeLabel(t, item.label ?? '');
  const prefix = section === 'noEligible' && detail ? `${t.t('console.today.mostlyExcluded')} ` : '';
  return (
    <li>
      <span>
        <a href={item.requestId ? `/console/requests/${item.requestId}` : '/console/mail'}>{title}</a>
        {detail ? (
          <>
            <br />
            <span class="muted">{prefix + detail}</span>
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
  now: Date;
  notice?: string | null;
  dropOuts?: DropOutAlert[];
}) {
  const { view, labels, today, now } = props;
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('console.today.title')} active="today" notice={props.notice}>
      <p>{t.t('console.today.intro')}</p>
      <div class="grid">
        <DropOutAlerts view={view} labels={labels} alerts={props.dropOuts} />
        {today.sections.map(({ key, items }) => (
          <section class="card" aria-labelledby={`today-${key}`} key={key}>
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
