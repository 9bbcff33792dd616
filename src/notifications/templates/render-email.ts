import type { NotificationKind } from '../notification.entity';
import { helpSeekerConfirmationContent, type HelpSeekerConfirmationModel } from './help-seeker-confirmation';
import { renderLayout, type EmailContent, type EmailLocale, type RenderedEmail } from './layout';
import { staffDailyDigestContent, type StaffDailyDigestModel } from './staff-daily-digest';
import {
  staffOfferAcceptedContent,
  staffOfferDeclinedContent,
  staffOfferExpiredContent,
  type StaffOfferResponseModel,
} from './staff-offer-response';
import { volunteerConfirmationContent, type VolunteerConfirmationModel } from './volunteer-confirmation';
import {
  volunteerEmailConfirmationContent,
  type VolunteerEmailConfirmationModel,
} from './volunteer-email-confirmation';
import { volunteerFollowUpContent, type VolunteerFollowUpModel } from './volunteer-follow-up';
import { volunteerOfferContent, type VolunteerOfferModel } from './volunteer-offer';
import { volunteerOfferDigestContent, type VolunteerOfferDigestModel } from './volunteer-offer-digest';
import { volunteerReminderContent, type VolunteerReminderModel } from './volunteer-reminder';
import {
  volunteerSelfServiceLinkContent,
  type VolunteerSelfServiceLinkModel,
} from './volunteer-self-service-link';

export type { EmailContent, EmailLocale, RenderedEmail } from './layout';
export type { HelpSeekerConfirmationModel } from './help-seeker-confirmation';
export type { StaffDailyDigestModel } from './staff-daily-digest';
export type { StaffOfferResponseModel } from './staff-offer-response';
export type { VolunteerConfirmationModel } from './volunteer-confirmation';
export type { VolunteerEmailConfirmationModel } from './volunteer-email-confirmation';
export type { VolunteerFollowUpModel } from './volunteer-follow-up';
export type { VolunteerOfferModel } from './volunteer-offer';
export type { VolunteerOfferDigestModel } from './volunteer-offer-digest';
export type { VolunteerReminderModel } from './volunteer-reminder';
export type { VolunteerSelfServiceLinkModel } from './volunteer-self-service-link';
export { escapeHtml } from './escape-html';

/** Type-only import: keyed by the entity's kinds, so a new kind without a template fails to compile. */
export type EmailKind = NotificationKind;

export interface EmailModels {
  'volunteer-offer': VolunteerOfferModel;
  'volunteer-offer-digest': VolunteerOfferDigestModel;
  'volunteer-confirmation': VolunteerConfirmationModel;
  'volunteer-reminder': VolunteerReminderModel;
  'volunteer-follow-up': VolunteerFollowUpModel;
  'volunteer-email-confirmation': VolunteerEmailConfirmationModel;
  'volunteer-self-service-link': VolunteerSelfServiceLinkModel;
  'help-seeker-confirmation': HelpSeekerConfirmationModel;
  'staff-offer-accepted': StaffOfferResponseModel;
  'staff-offer-declined': StaffOfferResponseModel;
  'staff-offer-expired': StaffOfferResponseModel;
  'staff-daily-digest': StaffDailyDigestModel;
}

type ContentBuilders = { [K in EmailKind]: (locale: EmailLocale, model: EmailModels[K]) => EmailContent };

const CONTENT_BUILDERS: ContentBuilders = {
  'volunteer-offer': volunteerOfferContent,
  'volunteer-offer-digest': volunteerOfferDigestContent,
  'volunteer-confirmation': volunteerConfirmationContent,
  'volunteer-reminder': volunteerReminderContent,
  'volunteer-follow-up': volunteerFollowUpContent,
  'volunteer-email-confirmation': volunteerEmailConfirmationContent,
  'volunteer-self-service-link': volunteerSelfServiceLinkContent,
  'help-seeker-confirmation': helpSeekerConfirmationContent,
  'staff-offer-accepted': staffOfferAcceptedContent,
  'staff-offer-declined': staffOfferDeclinedContent,
  'staff-offer-expired': staffOfferExpiredContent,
  'staff-daily-digest': staffDailyDigestContent,
};

export const EMAIL_LOCALES: readonly EmailLocale[] = ['de', 'en'];

/** The structured content (blocks) of an email, e.g. for the printable letter. */
export function emailContent<K extends EmailKind>(
  kind: K,
  locale: EmailLocale,
  model: EmailModels[K],
): EmailContent {
  const build: (locale: EmailLocale, model: EmailModels[K]) => EmailContent = CONTENT_BUILDERS[kind];
  return build(locale, model);
}

/** Pure: plain view models in, subject and both body parts out. */
export function renderEmail<K extends EmailKind>(
  kind: K,
  locale: EmailLocale,
  model: EmailModels[K],
): RenderedEmail {
  return renderLayout(emailContent(kind, locale, model));
}
