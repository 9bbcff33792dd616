import { DataSource } from 'typeorm';
import { messageIdFor } from '../../src/notifications/notification-outbox.service';
import {
  NOTIFICATIONS_QUEUE,
  SEND_NOTIFICATION_JOB,
  sendNotificationJobId,
} from '../../src/queue/job-contracts';

/**
 * `count` staff notices about one subject, written in one transaction exactly as
 * NotificationOutbox.queue writes them (a pending notification and its outbox row each), but in two
 * statements instead of 2 × count: the worker's outbox relay hands them to BullMQ. Returns the addresses.
 */
export async function queueEmailBurst(
  dataSource: DataSource,
  options: { subjectId: string; count: number; addressPrefix: string },
): Promise<string[]> {
  const recipients = Array.from(
    { length: options.count },
    (_, i) => `${options.addressPrefix}-${i + 1}@agency.test`,
  );
  // The id formats are the application's own, checked here so they cannot drift.
  const probe = '00000000-0000-4000-8000-000000000000';
  if (
    messageIdFor(probe) !== `<notification-${probe}@nahbar>` ||
    sendNotificationJobId(probe) !== `notification-${probe}`
  ) {
    throw new Error('the notification id formats changed: update queueEmailBurst');
  }
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `WITH written AS (
         INSERT INTO notification (id, kind, subject_id, recipient, locale, message_id, status)
         SELECT id, 'staff-offer-accepted', $1, recipient, 'de', '<notification-' || id || '@nahbar>', 'pending'
           FROM (SELECT gen_random_uuid() AS id, unnest($2::text[]) AS recipient) AS fresh
         RETURNING id)
       INSERT INTO outbox_job (queue, job_name, job_id, payload)
       SELECT $3, $4, 'notification-' || id, jsonb_build_object('notificationId', id) FROM written`,
      [options.subjectId, recipients, NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB],
    );
  });
  return recipients;
}
