import { Notification } from '../../src/notifications/notification.entity';
import { messageIdFor } from '../../src/notifications/notification-outbox.service';
import { JobQueues } from '../../src/queue/job-queues.service';
import { NOTIFICATIONS_QUEUE, sendNotificationJobId } from '../../src/queue/job-contracts';
import { addresses, proposedMatch, queueStaffNotices } from '../factories/notifications.factory';
import { requestJson } from '../helpers/http';
import { allSent, expectEachDeliveredOnce, rowsOf } from '../helpers/delivery';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, freePort, startTestStack, TestStack } from '../helpers/test-stack';

describe('email delivery while the SMTP server is down for a while', () => {
  let stack: TestStack;
  let smtp: TestSmtpServer | undefined;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    stack = await startTestStack({ smtpPort: port });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should retry until the server is back and then deliver every email once', async () => {
    const { matchId } = await proposedMatch(stack);
    const ids = await queueStaffNotices(stack, matchId, addresses('down', 12));

    // Nobody listens: every email is composed and then fails to connect, more than once.
    await eventually('every email to have been tried twice', async () => {
      const rows = await rowsOf(stack, ids);
      return rows.every((row) => row.status === 'composed' && row.attempts >= 2);
    });
    const [tried] = await rowsOf(stack, ids);
    expect(tried.lastError).toMatch(/ECONNREFUSED/);
    expect(tried.composedEmail?.subject).toBeTruthy();

    smtp = await startTestSmtpServer({ port });
    const rows = await allSent(stack, ids);
    expectEachDeliveredOnce(smtp, ids);
    expect(rows.every((row) => row.composedEmail === null && row.sentAt !== null)).toBe(true);
  });
});

describe('email delivery when the SMTP server refuses some messages', () => {
  let stack: TestStack;
  let smtp: TestSmtpServer;
  let matchId: string;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, env: { SMTP_RETRY_WINDOW_SECONDS: '3' } });
    ({ matchId, token } = await proposedMatch(stack));
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should retry messages answered 451 and deliver each once', async () => {
    smtp.failNext(451, 'Greylisted, try again later', 5);
    const ids = await queueStaffNotices(stack, matchId, addresses('grey', 10));

    const rows = await allSent(stack, ids);
    expectEachDeliveredOnce(smtp, ids);
    // Five attempts were refused, and only those were repeated.
    expect(rows.reduce((sum, row) => sum + row.attempts, 0)).toBe(15);
  });

  it('should not retry a message answered 550, and show staff the address', async () => {
    smtp.failRecipient('gone@agency.test', 550, 'Mailbox unavailable');
    const [bounced] = await queueStaffNotices(stack, matchId, ['gone@agency.test']);
    const others = await queueStaffNotices(stack, matchId, addresses('fine', 3));

    await allSent(stack, others);
    const row = await eventually('the bounce', async () => {
      const found = await stack.dataSource.getRepository(Notification).findOneByOrFail({ id: bounced });
      return found.status === 'undeliverable' ? found : null;
    });
    // Longer than several retry delays (200 ms doubling, at most 1 s): still one attempt.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const after = await stack.dataSource.getRepository(Notification).findOneByOrFail({ id: bounced });
    expect(after).toMatchObject({ status: 'undeliverable', attempts: 1, composedEmail: null });
    expect(row.lastError).toMatch(/Mailbox unavailable/);
    const job = await stack.api
      .get(JobQueues)
      .get(NOTIFICATIONS_QUEUE)
      .getJob(sendNotificationJobId(bounced));
    expect(await job?.getState()).toBe('completed');
    expect(job?.attemptsMade).toBe(1); // completed on its first run: no retry
    expect(smtp.messages.filter((mail) => mail.messageId === messageIdFor(bounced))).toHaveLength(0);

    const attention = await requestJson(stack.baseUrl, 'GET', '/api/staff/notifications', { token });
    expect(attention.status).toBe(200);
    expect(attention.body).toEqual([
      expect.objectContaining({
        id: bounced,
        recipient: 'gone@agency.test',
        status: 'undeliverable',
        attempts: 1,
      }),
    ]);
    const marked = await requestJson(
      stack.baseUrl,
      'GET',
      '/api/staff/notifications/undeliverable-addresses',
      {
        token,
      },
    );
    expect(marked.body).toEqual([
      expect.objectContaining({ address: 'gone@agency.test', responseCode: 550, notificationId: bounced }),
    ]);
  });

  it('should give up on a 4xx once the retry window has passed, and list it for staff', async () => {
    smtp.failRecipient('full@agency.test', 452, 'Mailbox full@agency.test is full');
    const [stuck] = await queueStaffNotices(stack, matchId, ['full@agency.test']);

    const row = await eventually('the notification to be given up', async () => {
      const found = await stack.dataSource.getRepository(Notification).findOneByOrFail({ id: stuck });
      return found.status === 'failed' ? found : null;
    });
    expect(row.attempts).toBeGreaterThanOrEqual(3);
    expect(row.lastError).toMatch(/Mailbox full@agency.test is full/);
    expect(row.sentAt).toBeNull();
    // Redis (and the worker's log) learn the code and the id, never the server's text with the address.
    const job = await stack.api.get(JobQueues).get(NOTIFICATIONS_QUEUE).getJob(sendNotificationJobId(stuck));
    expect(job?.failedReason).toBe(`notification ${stuck} not delivered yet (SMTP 452)`);
    expect(JSON.stringify(job?.stacktrace)).not.toContain('agency.test');
    const failed = await requestJson(stack.baseUrl, 'GET', '/api/staff/notifications?status=failed', {
      token,
    });
    expect(failed.body.map((item: { id: string }) => item.id)).toEqual([stuck]);
  });

  it('should name the field when staff ask for an unknown status', async () => {
    const bad = await requestJson(stack.baseUrl, 'GET', '/api/staff/notifications?status=lost', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    const anonymous = await requestJson(stack.baseUrl, 'GET', '/api/staff/notifications');
    expect(anonymous.status).toBe(401);
  });
});
