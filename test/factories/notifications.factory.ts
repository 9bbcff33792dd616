import { Notification } from '../../src/notifications/notification.entity';
import { NotificationOutbox } from '../../src/notifications/notification-outbox.service';
import { OutboxService } from '../../src/queue/outbox.service';
import { eventually, type TestStack } from '../helpers/test-stack';
import { loginAs, requestJson } from '../helpers/http';
import { publicHelpRequestBody, volunteerBody } from './api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from './staff.factory';

/**
 * A proposed match, made through the API, for notifications to be about. Returns its id and a
 * staff token for the rest of the test.
 */
export async function proposedMatch(stack: TestStack): Promise<{ matchId: string; token: string }> {
  const staff = await createStaffUser(stack.dataSource);
  const token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  const volunteer = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
    token,
    body: volunteerBody({ postalCode: '22765' }),
  });
  expect(volunteer.status).toBe(201);
  const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
    body: publicHelpRequestBody(),
  });
  expect(created.status).toBe(201);
  const matchId = await eventually('a proposal', async () => {
    const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${created.body.id}`, {
      token,
    });
    return detail.body.status === 'proposals-ready' ? (detail.body.matches[0].id as string) : null;
  });
  return { matchId, token };
}

/**
 * Staff notices about `matchId` to the given addresses, written to the outbox as a state change
 * does, then handed to Redis as the API does after its commit. Returns the notification ids.
 */
export async function queueStaffNotices(
  stack: TestStack,
  matchId: string,
  recipients: string[],
): Promise<string[]> {
  const outbox = stack.api.get(NotificationOutbox);
  const jobIds = await stack.dataSource.transaction(async (manager) => {
    const ids: (string | null)[] = [];
    for (const recipient of recipients) {
      ids.push(
        await outbox.queue(manager, {
          kind: 'staff-offer-accepted',
          subjectId: matchId,
          recipient,
          locale: 'de',
        }),
      );
    }
    return ids;
  });
  stack.api.get(OutboxService).relaySoon(jobIds);
  const rows = await stack.dataSource
    .getRepository(Notification)
    .find({ where: recipients.map((recipient) => ({ subjectId: matchId, recipient })) });
  return rows.map((row) => row.id);
}

export const addresses = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}@agency.test`);
