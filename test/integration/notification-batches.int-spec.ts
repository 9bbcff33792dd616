import { randomUUID } from 'node:crypto';
import {
  NotificationDelivery,
  type DeliveryResult,
} from '../../src/notifications/notification-delivery.service';
import { Notification } from '../../src/notifications/notification.entity';
import { messageIdFor } from '../../src/notifications/notification-outbox.service';
import { addresses, proposedMatch } from '../factories/notifications.factory';
import { expectEachDeliveredOnce, rowsOf } from '../helpers/delivery';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The worker delivers the jobs that arrive together as one batch. These tests hand batches to the
 * delivery directly, on rows written without a job (and with the sweeper asleep), so nothing else
 * sends them meanwhile.
 */
describe('delivering a batch of emails', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let delivery: NotificationDelivery;
  let matchId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({
      smtpPort: smtp.port,
      env: { NOTIFY_SWEEP_MS: '3600000', SMTP_RETRY_WINDOW_SECONDS: '3600' },
    });
    delivery = stack.worker!.get(NotificationDelivery);
    ({ matchId } = await proposedMatch(stack));
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  /** Staff notices about the match, as open rows with no job. */
  async function openNotices(
    recipients: string[],
    fields: Partial<Notification> = {},
    subjectId = matchId,
  ): Promise<string[]> {
    const rows = recipients.map((recipient) => {
      const id = randomUUID();
      return {
        id,
        kind: 'staff-offer-accepted' as const,
        subjectId,
        recipient,
        locale: 'de' as const,
        messageId: messageIdFor(id),
        ...fields,
      };
    });
    await stack.dataSource.getRepository(Notification).insert(rows);
    return rows.map((row) => row.id);
  }

  it('should give each email of a mixed batch the outcome it would get alone', async () => {
    smtp.failRecipient('greylisted@agency.test', 451, 'Try again later');
    smtp.failRecipient('unknown@agency.test', 550, 'No such mailbox');
    const [fine, another] = await openNotices(addresses('batch', 2));
    const [greylisted] = await openNotices(['greylisted@agency.test']);
    const [unknown] = await openNotices(['unknown@agency.test']);
    const [alreadySent] = await openNotices(['done@agency.test'], { status: 'sent', sentAt: new Date() });
    const notBefore = new Date(Date.now() + 3600_000);
    const [later] = await openNotices(['later@agency.test'], { notBefore });
    const [aboutNothing] = await openNotices(['gone@agency.test'], {}, randomUUID()); // no such match

    const results = await delivery.deliverMany([
      fine,
      greylisted,
      unknown,
      alreadySent,
      later,
      aboutNothing,
      another,
    ]);

    expect(results).toEqual<DeliveryResult[]>([
      { outcome: 'sent' },
      { retry: expect.any(Error) },
      { outcome: 'undeliverable' },
      { outcome: 'not-open' },
      { notBefore },
      { outcome: 'cancelled' },
      { outcome: 'sent' },
    ]);
    expectEachDeliveredOnce(smtp, [fine, another]);
    const rows = await rowsOf(stack, [fine, greylisted, unknown, alreadySent, later, aboutNothing]);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['sent', 1],
      ['composed', 1],
      ['undeliverable', 1],
      ['sent', 0],
      ['pending', 0],
      ['cancelled', 0],
    ]);
    // The retry has its email kept and only talks SMTP; the server's text stays on the row.
    expect(rows[1].composedEmail?.messageId).toBe(messageIdFor(greylisted));
    expect(rows[1].lastError).toMatch(/Try again later/);
    expect((results[1] as { retry: Error }).retry.message).not.toMatch(/greylisted@agency\.test/);
  });

  it('should record each accepted email at once, not when the slowest of its batch is through', async () => {
    const ids = await openNotices(addresses('slow', 3));
    smtp.holdAfter(smtp.messages.length + 2); // the third waits for its "250"

    const delivering = delivery.deliverMany(ids);
    await eventually('two recorded as sent while the third is still held', async () => {
      const rows = await rowsOf(stack, ids);
      return smtp.held === 1 && rows.filter((row) => row.status === 'sent').length === 2;
    });
    smtp.release();

    expect(await delivering).toEqual([{ outcome: 'sent' }, { outcome: 'sent' }, { outcome: 'sent' }]);
    expectEachDeliveredOnce(smtp, ids);
  });

  it('should leave an email another worker is sending to that worker, for a later retry', async () => {
    const [id] = await openNotices(['twice@agency.test']);
    smtp.holdAfter(smtp.messages.length);

    const first = delivery.deliverMany([id]);
    await eventually('the first send to wait for its "250"', () => Promise.resolve(smtp.held === 1));
    const [second] = await delivery.deliverMany([id]);
    expect(second).toEqual({ retry: expect.objectContaining({ name: 'NotificationBusyError' }) });
    smtp.release();

    expect(await first).toEqual([{ outcome: 'sent' }]);
    expect(await delivery.deliverMany([id])).toEqual([{ outcome: 'not-open' }]);
    expectEachDeliveredOnce(smtp, [id]);
  });
});
