import { Client } from 'pg';
import { Notification } from '../../src/notifications/notification.entity';
import { messageIdFor } from '../../src/notifications/notification-outbox.service';
import { UndeliverableAddress } from '../../src/notifications/undeliverable-address.entity';
import { addresses, proposedMatch, queueStaffNotices } from '../factories/notifications.factory';
import { allSent, expectEachDeliveredOnce } from '../helpers/delivery';
import { startRedisProcess, type RedisProcess } from '../helpers/redis-process';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, freePort, startTestStack, TestStack } from '../helpers/test-stack';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process';

const sentCount = (stack: TestStack, ids: string[]) =>
  stack.dataSource
    .getRepository(Notification)
    .createQueryBuilder('n')
    .where('n.id IN (:...ids)', { ids })
    .andWhere(`n.status = 'sent'`)
    .getCount();

/** Lets the server see the killed client's connections close before it answers what it held. */
const settle = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms));

// Each test spawns a worker under ts-node, which takes half a minute on a busy two-core machine.
jest.setTimeout(180_000);

describe('a worker in a process of its own, killed or stopped mid-sending', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let worker: WorkerProcess | undefined;
  let matchId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // A killed worker's jobs come back after their lock (1 s) expired unrenewed.
    stack = await startTestStack({
      smtpPort: smtp.port,
      worker: false,
      env: { QUEUE_LOCK_MS: '1000', QUEUE_STALLED_CHECK_MS: '1000' },
    });
    worker = await startWorkerProcess(stack.env);
    ({ matchId } = await proposedMatch(stack));
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await stack?.close();
    await smtp?.close();
  });

  it('should, after a restart, deliver every email once when killed in the middle of sending', async () => {
    // The server takes 8 messages, then leaves the next ones waiting for their "250".
    smtp.holdAfter(8);
    const ids = await queueStaffNotices(stack, matchId, addresses('killed', 30));
    await eventually('8 sent and more in the middle of SMTP', async () => {
      return (await sentCount(stack, ids)) === 8 && smtp.held >= 1;
    });

    await worker!.kill('SIGKILL');
    await settle();
    smtp.release(); // the held messages' client is gone: the server drops them, never delivered
    expect(smtp.messages).toHaveLength(8);

    worker = await startWorkerProcess(stack.env);
    await allSent(stack, ids);
    expectEachDeliveredOnce(smtp, ids);
  });

  it("should send twice, with the same Message-ID, only when killed between the server's 250 and the commit", async () => {
    // The commit that records "sent" also clears the address's bounce mark; holding that row
    // stops the worker right after the server said 250 and before its commit.
    const recipient = 'window@agency.test';
    await stack.dataSource.getRepository(UndeliverableAddress).save({
      address: recipient,
      responseCode: 550,
      reason: 'an old bounce',
      notificationId: matchId,
    });
    const blocker = new Client({ connectionString: stack.config.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT * FROM undeliverable_address WHERE address = $1 FOR UPDATE', [recipient]);
      const [id] = await queueStaffNotices(stack, matchId, [recipient]);

      await smtp.waitForMessages(smtp.messages.length + 1);
      await eventually('the worker to wait before its commit', async () => {
        const { rows } = await blocker.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0].waiting === 1;
      });
      await worker!.kill('SIGKILL');
      // The record had already reached PostgreSQL, which would finish it once the lock is free (and
      // the email would not go twice). Ending its backend stands for a crash a moment earlier,
      // before the statement left the worker: the record never happens.
      await blocker.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      await blocker.query('ROLLBACK');

      worker = await startWorkerProcess(stack.env);
      await allSent(stack, [id]);
      const copies = smtp.messages.filter((mail) => mail.messageId === messageIdFor(id));
      expect(copies).toHaveLength(2);
      expect(copies[1].subject).toBe(copies[0].subject);
      const row = await stack.dataSource.getRepository(Notification).findOneByOrFail({ id });
      expect(row.attempts).toBe(1); // the first attempt's commit never happened
    } finally {
      await blocker.end();
    }
  });

  it('should finish its running jobs and exit on SIGTERM', async () => {
    smtp.holdAfter(smtp.messages.length);
    const ids = await queueStaffNotices(stack, matchId, addresses('term', 3));
    await eventually('a message in the middle of SMTP', () => Promise.resolve(smtp.held >= 1));

    const stopping = worker!.kill('SIGTERM');
    await settle(300);
    smtp.release(); // the worker is still there, waiting for the replies, and gets them
    await stopping;
    // Nest re-raises the signal once it has shut down, so the exit itself says nothing; the replies
    // the worker still waited for do, if they were recorded before it went.
    const held = smtp.messages.filter((mail) => ids.some((id) => mail.messageId === messageIdFor(id)));
    expect(held.length).toBeGreaterThanOrEqual(1);
    expect(await sentCount(stack, ids)).toBe(held.length); // recorded before it exited

    worker = await startWorkerProcess(stack.env);
    await allSent(stack, ids);
    expectEachDeliveredOnce(smtp, ids);
  });
});

describe('Redis restarted with its data lost, mid-stream', () => {
  let smtp: TestSmtpServer;
  let redis: RedisProcess;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    redis = await startRedisProcess(await freePort());
    stack = await startTestStack({
      smtpPort: smtp.port,
      env: { REDIS_URL: redis.url, NOTIFY_SWEEP_MS: '500' },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await redis?.kill();
    await smtp?.close();
  });

  it('should deliver every email once', async () => {
    const { matchId } = await proposedMatch(stack);
    smtp.holdAfter(10);
    const ids = await queueStaffNotices(stack, matchId, addresses('lost', 40));
    await eventually('10 sent and more in the middle of SMTP', async () => {
      return (await sentCount(stack, ids)) === 10 && smtp.held >= 1;
    });

    await redis.kill();
    redis = await startRedisProcess(redis.port); // empty: every queued and delayed job is gone
    smtp.release();

    await allSent(stack, ids);
    expectEachDeliveredOnce(smtp, ids);
  });
});
