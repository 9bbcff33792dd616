import type { SinkMessageSummary } from '../../notifications/mail-sink';
import { formatDateTime } from '../format';
import { codeLabel } from '../i18n';
import { consoleLayout, e, type ConsoleView } from '../view';

export interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  requestId: string | null;
}

export function renderMailPage(
  view: ConsoleView,
  outbox: OutboxRow[],
  sink: SinkMessageSummary[] | null,
): string {
  const { t } = view;
  const outboxTable =
    outbox.length === 0
      ? `<p class="muted">${e(t('mail.empty'))}</p>`
      : `<div class="table-wrap"><table id="outbox"><thead><tr><th scope="col">${e(t('mail.created'))}</th><th scope="col">${e(t('mail.kind'))}</th><th scope="col">${e(t('mail.recipient'))}</th><th scope="col">${e(t('mail.status'))}</th><th scope="col">${e(t('mail.sent'))}</th><th scope="col">${e(t('mail.error'))}</th></tr></thead><tbody>${outbox
          .map(
            (row) =>
              `<tr data-status="${e(row.status)}"><td>${e(formatDateTime(row.createdAt, view.lang))}</td><td>${row.requestId ? `<a href="/console/requests/${e(row.requestId)}">${e(codeLabel(t, row.kind))}</a>` : e(codeLabel(t, row.kind))}</td><td>${e(row.recipient)}</td><td>${e(codeLabel(t, row.status))}</td><td>${e(formatDateTime(row.sentAt, view.lang))}</td><td>${e(row.lastError ?? '')}</td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  const sinkSection =
    sink === null
      ? ''
      : `<section class="card" aria-labelledby="h-sink"><h2 id="h-sink">${e(t('mail.sink'))}</h2>${
          sink.length === 0
            ? `<p class="muted">${e(t('mail.empty'))}</p>`
            : `<div class="table-wrap"><table id="sink"><thead><tr><th scope="col">${e(t('common.when'))}</th><th scope="col">${e(t('mail.recipient'))}</th><th scope="col">${e(t('mail.subject'))}</th></tr></thead><tbody>${sink
                .map(
                  (message) =>
                    `<tr><td>${e(formatDateTime(message.date, view.lang))}</td><td>${e(message.to)}</td><td><a href="/demo/mail/${encodeURIComponent(message.id)}">${e(message.subject)}</a></td></tr>`,
                )
                .join('')}</tbody></table></div>`
        }</section>`;
  return consoleLayout(view, {
    title: t('mail.title'),
    active: 'mail',
    body: `${sinkSection}<section class="card" aria-labelledby="h-outbox"><h2 id="h-outbox">${e(t('mail.outbox'))}</h2>${outboxTable}</section>`,
  });
}
