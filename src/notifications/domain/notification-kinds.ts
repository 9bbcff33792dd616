/** Every kind of email nahbar sends; the email views (src/web/emails) have one template per kind. */
export const NOTIFICATION_KINDS = [
  'volunteer-offer',
  'volunteer-confirmation',
  'staff-offer-accepted',
  'staff-offer-declined',
  'staff-offer-expired',
  'staff-offer-withdrawn',
  'staff-assignment-cancelled',
  'volunteer-offer-digest',
  'volunteer-reminder',
  'volunteer-follow-up',
  'volunteer-email-confirmation',
  'volunteer-self-service-link',
  'help-seeker-confirmation',
  'staff-daily-digest',
  'volunteer-retention-check',
  'staff-password-reset',
  'volunteer-offer-withdrawn',
  'volunteer-welcome',
  'volunteer-deactivated',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
