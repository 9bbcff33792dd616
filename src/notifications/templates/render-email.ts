import type { NotificationKind } from '../notification.entity';
import { renderLayout, type EmailContent, type EmailLocale, type RenderedEmail } from './layout';
import {
  staffOfferAcceptedContent,
  staffOfferDeclinedContent,
  staffOfferExpiredContent,
  type StaffOfferResponseModel,
} from './staff-offer-response';
import { volunteerConfirmationContent, type VolunteerConfirmationModel } from './volunteer-confirmation';
import { volunteerOfferContent, type VolunteerOfferModel } from './volunteer-offer';

export type { EmailLocale, RenderedEmail } from './layout';
export type { StaffOfferResponseModel } from './staff-offer-response';
export type { VolunteerConfirmationModel } from './volunteer-confirmation';
export type { VolunteerOfferModel } from './volunteer-offer';
export { escapeHtml } from './escape-html';

/** Type-only import: keyed by the entity's kinds, so a new kind without a template fails to compile. */
export type EmailKind = NotificationKind;

export interface EmailModels {
  'volunteer-offer': VolunteerOfferModel;
  'volunteer-confirmation': VolunteerConfirmationModel;
  'staff-offer-accepted': StaffOfferResponseModel;
  'staff-offer-declined': StaffOfferResponseModel;
  'staff-offer-expired': StaffOfferResponseModel;
}

type ContentBuilders = { [K in EmailKind]: (locale: EmailLocale, model: EmailModels[K]) => EmailContent };

const CONTENT_BUILDERS: ContentBuilders = {
  'volunteer-offer': volunteerOfferContent,
  'volunteer-confirmation': volunteerConfirmationContent,
  'staff-offer-accepted': staffOfferAcceptedContent,
  'staff-offer-declined': staffOfferDeclinedContent,
  'staff-offer-expired': staffOfferExpiredContent,
};

export const EMAIL_LOCALES: readonly EmailLocale[] = ['de', 'en'];

/** Pure: plain view models in, subject and both body parts out. */
export function renderEmail<K extends EmailKind>(
  kind: K,
  locale: EmailLocale,
  model: EmailModels[K],
): RenderedEmail {
  const build: (locale: EmailLocale, model: EmailModels[K]) => EmailContent = CONTENT_BUILDERS[kind];
  return renderLayout(build(locale, model));
}
