import { derivedUuid } from '../notifications/domain/notification-keys';

/** One review reminder per opportunity and review period (its review-by date). */
export const hostReviewReminderKey = (opportunityId: string, reviewBy: string): string =>
  derivedUuid('host-review-reminder', opportunityId, reviewBy);
