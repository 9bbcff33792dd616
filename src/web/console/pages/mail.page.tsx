import type { SinkMessageSummary } from '../../../notifications/mail-sink';
import { formatDateTime } from '../format';
import { codeLabel, ConsoleLayout, type ConsoleView } from '../view';

/** A row of the outbox read model (see ConsoleMailController). */
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

export function MailPage({
  view,
  outbox,
  sink,
}: {
  view: ConsoleView;
  outbox: OutboxRow[];
  sink: SinkMessageSummary[] | null;
}) {
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('console.mail.title')} active="mail">
      {sink === null ? null : (
        <section class="card" aria-labelledby="h-sink">
          <h2 id="h-sink">{t.t('console.mail.sink')}</h2>
          {sink.length === 0 ? (
            <p class="muted">{t.t('console.mail.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table id="sink">
                <thead>
                  <tr>
                    <th scope="col">{t.t('console.common.when')}</th>
                    <th scope="col">{t.t('console.mail.recipient')}</th>
                    <th scope="col">{t.t('console.mail.subject')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sink.map((message) => (
                    <tr key={message.id}>
                      <td>{formatDateTime(message.date, t)}</td>
                      <td>{message.to}</td>
                      <td>
                        <a href={`/demo/mail/${encodeURIComponent(message.id)}`}>{message.subject}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      <section class="card" aria-labelledby="h-outbox">
        <h2 id="h-outbox">{t.t('console.mail.outbox')}</h2>
        {outbox.length === 0 ? (
          <p class="muted">{t.t('console.mail.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table id="outbox">
              <thead>
                <tr>
                  <th scope="col">{t.t('console.mail.created')}</th>
                  <th scope="col">{t.t('console.mail.kind')}</th>
                  <th scope="col">{t.t('console.mail.recipient')}</th>
                  <th scope="col">{t.t('console.mail.status')}</th>
                  <th scope="col">{t.t('console.mail.sent')}</th>
                  <th scope="col">{t.t('console.mail.error')}</th>
                </tr>
              </thead>
              <tbody>
                {outbox.map((row) => (
                  <tr key={row.id} data-status={row.status}>
                    <td>{formatDateTime(row.createdAt, t)}</td>
                    <td>
                      {row.requestId ? (
                        <a href={`/console/requests/${row.requestId}`}>{codeLabel(t, row.kind)}</a>
                      ) : (
                        codeLabel(t, row.kind)
                      )}
                    </td>
                    <td>{row.recipient}</td>
                    <td>{codeLabel(t, row.status)}</td>
                    <td>{formatDateTime(row.sentAt, t)}</td>
                    <td>{row.lastError ?? ''}</td>
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
