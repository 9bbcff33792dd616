import type { MessageKey } from '../../../i18n';
import type { QueueName } from '../../../queue/job-contracts';
import type { QueueState, SystemStatus } from '../../../observability/system-status.service';
import { FAILED_EMAILS_WINDOW_DAYS } from '../../../observability/system-status.service';
import { formatDateTime, formatWaited } from '../format';
import { ConsoleLayout, type ConsoleView } from '../view';

/** An outbox row older than this means no worker is relaying: say so on the page. */
export const OUTBOX_STUCK_MS = 5 * 60_000;

const QUEUE_LABELS: Record<QueueName, MessageKey> = {
  matching: 'console.system.queue.matching',
  notifications: 'console.system.queue.notifications',
  maintenance: 'console.system.queue.maintenance',
  hosts: 'console.hostLinks.queue',
  placements: 'console.placementFollowUp.queue',
  transfer: 'transfer.queue',
  reports: 'reports.queue',
};

/** Columns of the queue table; BullMQ's several waiting states are one column for people. */
const COLUMNS: { label: MessageKey; states: QueueState[] }[] = [
  { label: 'console.system.state.waiting', states: ['waiting', 'prioritized', 'waiting-children'] },
  { label: 'console.system.state.active', states: ['active'] },
  { label: 'console.system.state.delayed', states: ['delayed'] },
  { label: 'console.system.state.failed', states: ['failed'] },
];

export function SystemPage({ view, status }: { view: ConsoleView; status: SystemStatus }) {
  const { t } = view;
  const now = status.checkedAt.getTime();
  const outboxAge = status.outbox.oldestAt ? now - new Date(status.outbox.oldestAt).getTime() : 0;
  const optimisation = status.lastOptimisation;
  return (
    <ConsoleLayout view={view} title={t.t('console.system.title')} active="settings">
      <p>{t.t('console.system.intro', { time: formatDateTime(status.checkedAt, t) })}</p>
      <section class="card" aria-labelledby="h-queues">
        <h2 id="h-queues">{t.t('console.system.queues')}</h2>
        {status.queues === null ? (
          <p role="alert">{t.t('console.system.redisDown')}</p>
        ) : (
          <div class="table-wrap">
            <table id="queues">
              <thead>
                <tr>
                  <th scope="col">{t.t('console.system.queue')}</th>
                  {COLUMNS.map((column) => (
                    <th scope="col" key={column.label}>
                      {t.t(column.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(Object.keys(QUEUE_LABELS) as QueueName[]).map((queue) => (
                  <tr key={queue} data-queue={queue}>
                    <th scope="row">{t.t(QUEUE_LABELS[queue])}</th>
                    {COLUMNS.map((column) => (
                      <td key={column.label}>
                        {t.number(
                          column.states.reduce((sum, state) => sum + (status.queues?.[queue][state] ?? 0), 0),
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="h-outbox">
        <h2 id="h-outbox">{t.t('console.system.outbox')}</h2>
        <dl>
          <dt>{t.t('console.system.outboxPending')}</dt>
          <dd id="outbox-pending">{t.number(status.outbox.pending)}</dd>
          <dt>{t.t('console.system.outboxOldest')}</dt>
          <dd>{status.outbox.oldestAt ? formatWaited(outboxAge, t) : t.t('console.system.outboxEmpty')}</dd>
        </dl>
        {outboxAge > OUTBOX_STUCK_MS ? <p role="alert">{t.t('console.system.outboxStuck')}</p> : null}
      </section>
      <section class="card" aria-labelledby="h-emails">
        <h2 id="h-emails">{t.t('console.system.emails')}</h2>
        <dl>
          <dt>{t.t('console.system.failedEmails', { days: FAILED_EMAILS_WINDOW_DAYS })}</dt>
          <dd id="failed-emails">{t.number(status.failedEmails.count)}</dd>
          <dt>{t.t('console.system.failedEmailsLast')}</dt>
          <dd>{formatDateTime(status.failedEmails.lastAt, t)}</dd>
          <dt>{t.t('console.system.offers')}</dt>
          <dd id="offers-awaiting">{t.number(status.offersAwaitingAnswer)}</dd>
        </dl>
        <p>
          <a href="/console/mail">{t.t('console.system.mailLink')}</a>
        </p>
      </section>
      <section class="card" aria-labelledby="h-optimisation">
        <h2 id="h-optimisation">{t.t('console.system.optimisation')}</h2>
        {optimisation === null ? (
          <p class="muted">{t.t('console.system.optimisationNever')}</p>
        ) : (
          <p>
            {formatDateTime(optimisation.at, t)}:{' '}
            {t.t('console.system.optimisationSummary', {
              requests: optimisation.requests,
              changed: optimisation.topPicksChanged,
            })}
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="h-workers">
        <h2 id="h-workers">{t.t('console.system.workers')}</h2>
        {status.workers === null ? (
          <p role="alert">{t.t('console.system.redisDown')}</p>
        ) : status.workers.length === 0 ? (
          <p role="alert">{t.t('console.system.noWorkers')}</p>
        ) : (
          <div class="table-wrap">
            <table id="workers">
              <thead>
                <tr>
                  <th scope="col">{t.t('console.system.worker')}</th>
                  <th scope="col">{t.t('console.system.workerStarted')}</th>
                  <th scope="col">{t.t('console.system.workerBeat')}</th>
                </tr>
              </thead>
              <tbody>
                {status.workers.map((worker) => (
                  <tr key={worker.worker}>
                    <td>{worker.worker}</td>
                    <td>{formatDateTime(worker.startedAt, t)}</td>
                    <td>{t.date(new Date(worker.beatAt), { dateStyle: 'short', timeStyle: 'medium' })}</td>
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
