import { Notification } from '../../src/notifications/notification.entity';
import { messageIdFor } from '../../src/notifications/notification-outbox.service';
import { addresses, proposedMatch, queueStaffNotices } from '../factories/notifications.factory';
import { NotificationJobs } from '../helpers/notification-jobs';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process';

/** The server writes each `250` this long after the message's end, as Postfix does after its fsync. */
const ACCEPT_DELAY_MS = 50;
/** The crash window the design promises: from a `250` to the commit of its `sent` record. */
const WINDOW_MS = 20;
/** A killed worker's jobs run again within QUEUE_LOCK_MS + QUEUE_STALLED_CHECK_MS + a start-up (docs/delivery.md). */
const RERUN_BOUND_MS = 45_000;
const BURST = 400;
/** The kill comes once this many are accepted: well inside the burst, every connection busy. */
const KILL_AFTER = 150;

/** When each of the given notifications got its `250`s at the server, first one first. */
function acceptances(smtp: TestSmtpServer, ids: string[]): Map<string, number[]> {
  const byMessageId = new Map(ids.map((id) => [messageIdFor(id), id]));
  const times = new Map(ids.map((id): [string, number[]] => [id, []]));
  smtp.messages.forEach((message, index) => {
    const id = byMessageId.get(message.messageId ?? '');
    if (id) {
      times.get(id)!.push(smtp.acceptedAt[index]);
    }
  });
  return times;
}

describe('one of two workers killed (SIGKILL) in the middle of a burst, against a server that holds each 250 back', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let jobs: NotificationJobs;
  let worker: WorkerProcess | undefined;
  /** A second worker, as production runs several: the re-run bound must not wait for a start-up. */
  let other: WorkerProcess | undefined;

  beforeAll(async () => {
    smtp = await startTestSmtpServer({ acceptDelayMs: ACCEPT_DELAY_MS });
    // The product's lock and stalled-check intervals (not shortened): the re-run bound is theirs.
    stack = await startTestStack({ smtpPort: smtp.port, worker: false, env: { SMTP_MAX_CONNECTIONS: '10' } });
    jobs = new NotificationJobs(stack);
    worker = await startWorkerProcess(stack.env);
    other = await startWorkerProcess(stack.env);
  }, 120_000);

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await other?.kill('SIGKILL');
    await jobs?.close();
    await stack?.close();
    await smtp?.close();
  });

  it(`should send again only emails whose 250 came in the last ${WINDOW_MS} ms before the kill, and lose none`, async () => {
    const { matchId } = await proposedMatch(stack);
    const ids = await queueStaffNotices(stack, matchId, addresses('burst', BURST));
    await smtp.waitForMessages(KILL_AFTER, 60_000); // in full flow: many emails on the wire

    const killedAt = Date.now();
    await worker!.kill('SIGKILL');
    const restartAt = Date.now();
    worker = undefined;
    let startUpMs = NaN;
    const restarted = startWorkerProcess(stack.env).then((started) => {
      startUpMs = Date.now() - restartAt;
      worker = started;
    });
    await eventually(
      'every notification sent after the restart',
      async () =>
        (await stack.dataSource
          .getRepository(Notification)
          .createQueryBuilder('n')
          .where('n.id IN (:...ids)', { ids })
          .andWhere(`n.status = 'sent'`)
          .getCount()) === ids.length,
      RERUN_BOUND_MS + 15_000,
    );
    await restarted;
    await new Promise((resolve) => setTimeout(resolve, 300)); // a late copy, if any, would arrive now

    const accepted = acceptances(smtp, ids);
    const lost = ids.filter((id) => accepted.get(id)!.length === 0);
    const twice = ids.filter((id) => accepted.get(id)!.length > 1);
    // The server may still write a `250` to the killed worker's socket before it notices the close:
    // any first `250` from the window before the kill up to the restart is the killed worker's.
    const inLastWindow = [...accepted.values()].filter(
      ([first]) => first >= killedAt - WINDOW_MS && first < restartAt,
    ).length;
    const twiceAt = twice.map((id) => ({ id, msBeforeKill: killedAt - accepted.get(id)![0] }));
    const outsideWindow = twiceAt.filter(({ msBeforeKill }) => msBeforeKill > WINDOW_MS);
    // Jobs the killed worker held came back through BullMQ's stalled check; when each last started:
    const stalledJobs = (await Promise.all(ids.map((id) => jobs.job(id)))).filter(
      (job) => (job?.stalledCounter ?? 0) > 0,
    );
    const stalled = stalledJobs.length;
    const rerunMs = Math.max(...stalledJobs.map((job) => job!.processedOn ?? Infinity)) - killedAt;
    console.log(
      `killed after ${KILL_AFTER}+ of ${BURST} accepted: ${inLastWindow} first 250s in the last ${WINDOW_MS} ms ` +
        `before the kill (or after it, to a dead socket), ${twice.length} sent twice ` +
        `(first 250 ms before the kill: ${twiceAt.map(({ msBeforeKill }) => msBeforeKill).join(', ') || '-'}), ` +
        `${lost.length} lost; restarted worker up after ${(startUpMs / 1000).toFixed(1)} s; ${stalled} stalled jobs, ` +
        `the last of them re-run ${(rerunMs / 1000).toFixed(1)} s after the kill`,
    );

    expect(lost).toEqual([]);
    expect(outsideWindow).toEqual([]); // every copy comes from an email accepted in the window
    expect(twice.length).toBeLessThanOrEqual(inLastWindow);
    expect(twice.every((id) => accepted.get(id)!.length === 2)).toBe(true);
    expect(stalled).toBeGreaterThanOrEqual(1);
    expect(rerunMs).toBeLessThanOrEqual(RERUN_BOUND_MS);
  }, 120_000);
});
