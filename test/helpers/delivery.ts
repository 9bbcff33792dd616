import { Notification } from '../../src/notifications/notification.entity';
import { messageIdFor } from '../../src/notifications/notification-outbox.service';
import { countByMessageId, type TestSmtpServer } from './smtp-test-server';
import { eventually, type TestStack } from './test-stack';

/** Each notification arrived exactly once, counted by Message-ID at the server. */
export function expectEachDeliveredOnce(smtp: TestSmtpServer, notificationIds: string[]): void {
  const counts = countByMessageId(smtp.messages);
  expect(Object.fromEntries(notificationIds.map((id) => [id, counts.get(messageIdFor(id)) ?? 0]))).toEqual(
    Object.fromEntries(notificationIds.map((id) => [id, 1])),
  );
}

export const rowsOf = (stack: TestStack, ids: string[]) =>
  Promise.all(ids.map((id) => stack.dataSource.getRepository(Notification).findOneByOrFail({ id })));

export const allSent = (stack: TestStack, ids: string[]) =>
  eventually(
    'every notification sent',
    async () => {
      const rows = await rowsOf(stack, ids);
      return rows.every((row) => row.status === 'sent') ? rows : null;
    },
    30_000,
  );
