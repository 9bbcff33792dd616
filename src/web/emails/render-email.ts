import { translator, type Translator } from '../../i18n';
import type { NotificationKind } from '../../notifications/domain/notification-kinds';
import { renderText, oneLine, type EmailContent, type RenderedEmail } from './email-content';
import { renderEmailHtml } from './email-shell';
import { helpSeekerConfirmationContent, type HelpSeekerConfirmationModel } from './help-seeker-confirmation';
import { staffDailyDigestContent, type StaffDailyDigestModel } from './staff-daily-digest';
import { staffPasswordResetContent, type StaffPasswordResetModel } from './staff-password-reset';
import {
  staffOfferAcceptedContent,
  staffOfferDeclinedContent,
  staffOfferWithdrawnContent,
  staffAssignmentCancelledContent,
  staffOfferExpiredContent,
  type StaffOfferResponseModel,
} from './staff-offer-response';
import { volunteerConfirmationContent, type VolunteerConfirmationModel } from './volunteer-confirmation';
import {
  volunteerEmailConfirmationContent,
  type VolunteerEmailConfirmationModel,
} from './volunteer-email-confirmation';
import { volunteerFollowUpContent, type VolunteerFollowUpModel } from './volunteer-follow-up';
import {
  volunteerDeactivatedContent,
  volunteerWelcomeContent,
  type VolunteerDeactivatedModel,
  type VolunteerWelcomeModel,
} from './volunteer-onboarding';
import { volunteerOfferContent, type VolunteerOfferModel } from './volunteer-offer';
import { volunteerOfferDigestContent, type VolunteerOfferDigestModel } from './volunteer-offer-digest';
import {
  volunteerOfferWithdrawnContent,
  type VolunteerOfferWithdrawnModel,
} from './volunteer-offer-withdrawn';
import { volunteerReminderContent, type VolunteerReminderModel } from './volunteer-reminder';
import {
  volunteerRetentionCheckContent,
  type VolunteerRetentionCheckModel,
} from './volunteer-retention-check';
import {
  volunteerSelfServiceLinkContent,
  type VolunteerSelfServiceLinkModel,
} from './volunteer-self-service-link';
import {
  hostLinkContent,
  hostPlacementProposedContent,
  hostProposalReminderContent,
  hostReviewReminderContent,
  type HostLinkModel,
  type HostPlacementProposedModel,
  type HostProposalReminderModel,
  type HostReviewReminderModel,
} from './host-emails';
import {
  hostPlacementFollowUpContent,
  volunteerPlacementFollowUpContent,
  type HostPlacementFollowUpModel,
  type VolunteerPlacementFollowUpModel,
} from './placement-follow-up-emails';

export type { EmailContent, RenderedEmail } from './email-content';
export type { HelpSeekerConfirmationModel } from './help-seeker-confirmation';
export type { StaffDailyDigestModel } from './staff-daily-digest';
export type { StaffPasswordResetModel } from './staff-password-reset';
export type { StaffOfferResponseModel } from './staff-offer-response';
export type { VolunteerConfirmationModel } from './volunteer-confirmation';
export type { VolunteerEmailConfirmationModel } from './volunteer-email-confirmation';
export type { VolunteerFollowUpModel } from './volunteer-follow-up';
export type { VolunteerOfferModel } from './volunteer-offer';
export type { VolunteerOfferDigestModel } from './volunteer-offer-digest';
export type { VolunteerOfferWithdrawnModel } from './volunteer-offer-withdrawn';
export type { VolunteerReminderModel } from './volunteer-reminder';
export type { VolunteerRetentionCheckModel } from './volunteer-retention-check';
export type { VolunteerSelfServiceLinkModel } from './volunteer-self-service-link';
export type { VolunteerDeactivatedModel, VolunteerWelcomeModel } from './volunteer-onboarding';
export type {
  HostLinkModel,
  HostPlacementProposedModel,
  HostProposalReminderModel,
  HostReviewReminderModel,
} from './host-emails';
export type {
  HostPlacementFollowUpModel,
  VolunteerPlacementFollowUpModel,
} from './placement-follow-up-emails';

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
  'staff-offer-withdrawn': StaffOfferResponseModel;
  'staff-assignment-cancelled': StaffOfferResponseModel;
  'staff-daily-digest': StaffDailyDigestModel;
  'volunteer-retention-check': VolunteerRetentionCheckModel;
  'staff-password-reset': StaffPasswordResetModel;
  'volunteer-offer-withdrawn': VolunteerOfferWithdrawnModel;
  'volunteer-welcome': VolunteerWelcomeModel;
  'volunteer-deactivated': VolunteerDeactivatedModel;
  'host-link': HostLinkModel;
  'host-placement-proposed': HostPlacementProposedModel;
  'host-proposal-reminder': HostProposalReminderModel;
  'host-review-reminder': HostReviewReminderModel;
  'volunteer-placement-follow-up': VolunteerPlacementFollowUpModel;
  'host-placement-follow-up': HostPlacementFollowUpModel;
}

type ContentBuilders = { [K in EmailKind]: (t: Translator, model: EmailModels[K]) => EmailContent };

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
  'staff-offer-withdrawn': staffOfferWithdrawnContent,
  'staff-assignment-cancelled': staffAssignmentCancelledContent,
  'staff-daily-digest': staffDailyDigestContent,
  'volunteer-retention-check': volunteerRetentionCheckContent,
  'staff-password-reset': staffPasswordResetContent,
  'volunteer-offer-withdrawn': volunteerOfferWithdrawnContent,
  'volunteer-welcome': volunteerWelcomeContent,
  'volunteer-deactivated': volunteerDeactivatedContent,
  'host-link': hostLinkContent,
  'host-placement-proposed': hostPlacementProposedContent,
  'host-proposal-reminder': hostProposalReminderContent,
  'host-review-reminder': hostReviewReminderContent,
  'volunteer-placement-follow-up': volunteerPlacementFollowUpContent,
  'host-placement-follow-up': hostPlacementFollowUpContent,
};

/** Emails to staff are written in a staff language (German or English), all others in any public one. */
export function emailAudience(kind: EmailKind): 'public' | 'staff' {
  return kind.startsWith('staff-') ? 'staff' : 'public';
}

/** The reader's translator for an email: an unknown locale (an old row, a typo) gets German. */
export function emailTranslator(kind: EmailKind, locale: string): Translator {
  return translator(locale, emailAudience(kind));
}

/** The structured content (blocks) of an email, e.g. for the printable letter. */
export function emailContent<K extends EmailKind>(
  kind: K,
  locale: string,
  model: EmailModels[K],
): EmailContent {
  const build: (t: Translator, model: EmailModels[K]) => EmailContent = CONTENT_BUILDERS[kind];
  return build(emailTranslator(kind, locale), model);
}

/** Pure: a plain view model in, subject and both body parts out. */
export function renderEmail<K extends EmailKind>(
  kind: K,
  locale: string,
  model: EmailModels[K],
): RenderedEmail {
  const content = emailContent(kind, locale, model);
  return { subject: oneLine(content.subject), text: renderText(content), html: renderEmailHtml(content) };
}
