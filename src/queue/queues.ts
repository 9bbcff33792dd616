/** Queue and job names, and their typed payloads. Payloads carry ids only, never personal data. */
export const MATCHING_QUEUE = 'matching';
export const MATCH_REQUEST_JOB = 'match-request';
export interface MatchRequestPayload {
  requestId: string;
  round: number;
}

export const RECHECK_VOLUNTEER_JOB = 'recheck-volunteer';
export interface RecheckVolunteerPayload {
  volunteerId: string;
}
export const EXPIRE_OFFERS_JOB = 'expire-offers';
export const OPTIMISE_ASSIGNMENTS_JOB = 'optimise-assignments';
/** Daily at 07:00 Europe/Berlin: the staff digest of what needs attention. */
export const STAFF_DIGEST_JOB = 'staff-digest';

export const NOTIFICATIONS_QUEUE = 'notifications';
/** Compose (unless a failed attempt already did), then send; see NotificationDelivery. */
export const SEND_NOTIFICATION_JOB = 'send-notification';
export interface SendNotificationPayload {
  notificationId: string;
}

export const QUEUE_NAMES = [MATCHING_QUEUE, NOTIFICATIONS_QUEUE] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** BullMQ forbids ':' in custom job ids; these ids are stable across retries and restarts. */
export const matchRequestJobId = (requestId: string, round: number): string => `match-${requestId}-r${round}`;
/** One re-check per profile version: a second save of the same version is the same job. */
export const recheckVolunteerJobId = (volunteerId: string, version: Date): string =>
  `recheck-${volunteerId}-${version.getTime()}`;
export const sendNotificationJobId = (notificationId: string): string => `notification-${notificationId}`;
