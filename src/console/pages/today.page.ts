import { codeLabel } from '../i18n';
import type { TodayItem, TodayOverview, TodaySectionKey } from '../today.queries';
import { formatWaited } from '../format';
import { actionButton, consoleLayout, e, type ConsoleView } from '../view';
import type { Labels } from './labels';

const SECTION_TITLES: Record<TodaySectionKey, Parameters<ConsoleView['t']>[0]> = {
  new: 'today.new',
  noEligible: 'today.noEligible',
  review: 'today.review',
  declined: 'today.declined',
  undeliverable: 'today.undeliverable',
  appointments: 'today.appointments',
  callBack: 'today.callBack',
};

function itemLine(
  view: ConsoleView,
  labels: Labels,
  key: TodaySectionKey,
  item: TodayItem,
  now: Date,
): string {
  const detail = !item.detail ? '' : typeof item.detail === 'string' ? item.detail : item.detail[view.lang];
  const title = item.category
    ? `${labels.category(item.category)} · ${item.district ?? ''}`
    : codeLabel(view.t, item.label ?? '');
  const link = item.requestId
    ? `<a href="/console/requests/${e(item.requestId)}">${e(title)}</a>`
    : `<a href="/console/mail">${e(title)}</a>`;
  const letter = item.callTaskId
    ? `<a class="secondary" href="/api/staff/call-tasks/${e(item.callTaskId)}/letter?locale=${view.lang}">${e(view.t('today.letter'))}</a> `
    : '';
  const calledBack =
    key === 'callBack' && item.requestId
      ? letter +
        actionButton(view, `/console/requests/${item.requestId}/called-back`, view.t('today.calledBack'), {
          className: 'secondary',
        })
      : '';
  const prefix = key === 'noEligible' && detail ? `${view.t('today.mostlyExcluded')} ` : '';
  return `<li><span>${link}${detail ? `<br><span class="muted">${e(prefix + detail)}</span>` : ''}</span><span class="actions"><span class="waited">${e(view.t('today.waiting'))} ${e(formatWaited(now.getTime() - item.since.getTime(), view.lang))}</span>${calledBack}</span></li>`;
}

export function renderTodayPage(
  view: ConsoleView,
  labels: Labels,
  today: TodayOverview,
  now: Date,
  notice?: string | null,
): string {
  const sections = today.sections
    .map(({ key, items }) => {
      const id = `today-${key}`;
      return `<section class="card" aria-labelledby="${id}"><h2 id="${id}">${e(view.t(SECTION_TITLES[key]))} <span class="count">${items.length}</span></h2>${
        items.length === 0
          ? `<p class="muted">${e(view.t('today.empty'))}</p>`
          : `<ul class="items">${items.map((item) => itemLine(view, labels, key, item, now)).join('')}</ul>`
      }</section>`;
    })
    .join('');
  const districts = `<section class="card" aria-labelledby="today-districts"><h2 id="today-districts">${e(view.t('today.districts'))}</h2>${
    today.districts.length === 0
      ? `<p class="muted">${e(view.t('today.empty'))}</p>`
      : `<div class="table-wrap"><table><thead><tr><th scope="col">${e(view.t('today.district'))}</th><th scope="col">${e(view.t('today.count'))}</th></tr></thead><tbody>${today.districts
          .map((row) => `<tr><td>${e(row.district)}</td><td>${row.count}</td></tr>`)
          .join('')}</tbody></table></div>`
  }</section>`;
  return consoleLayout(view, {
    title: view.t('today.title'),
    active: 'today',
    notice,
    body: `<p>${e(view.t('today.intro'))}</p><div class="grid">${sections}${districts}</div>`,
  });
}
