import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { HelpRequest } from '../help-seekers/help-request.entity';
import { formatScheduleDe, formatScheduleEn } from '../matching/domain';
import { Match } from '../matching/match.entity';
import { createOfferToken } from '../matching/offer-links';
import { DEFAULT_MATCHING_SETTINGS } from '../settings/matching-settings';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { Volunteer } from '../volunteers/volunteer.entity';
import type { OutgoingEmail } from './email-transport';
import { Notification } from './notification.entity';
import { renderEmail } from './templates/render-email';

/**
 * Turns a notification row into a ready email, reading the current state. Kept apart from sending
 * so a retry after an SMTP failure repeats only the SMTP step's inputs, never a state change.
 */
@Injectable()
export class NotificationComposer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async compose(notification: Notification): Promise<OutgoingEmail> {
    const match = await this.dataSource.getRepository(Match).findOneByOrFail({ id: notification.subjectId });
    const request = await this.dataSource
      .getRepository(HelpRequest)
      .findOneOrFail({ where: { id: match.requestId }, relations: { helpSeeker: true, provider: true } });
    const volunteer = await this.dataSource
      .getRepository(Volunteer)
      .findOneByOrFail({ id: match.volunteerId });
    const locale = notification.locale;
    const categoryLabel = this.taxonomy.label('categories', request.category, locale);
    const whenText =
      locale === 'de' ? formatScheduleDe(request.schedule) : formatScheduleEn(request.schedule);
    const district = request.district ?? request.postalCode;
    const base = this.config.PUBLIC_BASE_URL.replace(/\/$/, '');

    const rendered = (() => {
      switch (notification.kind) {
        case 'volunteer-offer': {
          const expiresAt =
            match.offerExpiresAt ??
            new Date(match.createdAt.getTime() + DEFAULT_MATCHING_SETTINGS.offerResponseHours * 3600_000);
          const link = (action: 'accept' | 'decline') =>
            `${base}/offers/${createOfferToken(this.config.LINK_SECRET, { matchId: match.id, action, expiresAt })}`;
          return renderEmail('volunteer-offer', locale, {
            volunteerName: volunteer.name,
            categoryLabel,
            description: request.description,
            district,
            whenText,
            acceptUrl: link('accept'),
            declineUrl: link('decline'),
            expiresText: formatBerlinDateTime(expiresAt, locale),
            agencyName: this.config.AGENCY_NAME,
          });
        }
        case 'volunteer-confirmation': {
          const seeker = request.helpSeeker;
          const provider = request.provider;
          return renderEmail('volunteer-confirmation', locale, {
            volunteerName: volunteer.name,
            categoryLabel,
            whenText,
            streetAddress: request.streetAddress ?? provider?.streetAddress ?? '',
            postalCode: request.postalCode,
            district,
            contactName: seeker?.name ?? provider?.contactPerson ?? this.config.AGENCY_NAME,
            contactPhone: seeker?.phone ?? provider?.phone ?? null,
            contactEmail: seeker?.email ?? provider?.email ?? null,
            agencyName: this.config.AGENCY_NAME,
            // The template already asks to use the contact only for this assignment; no agency extra yet.
            privacyNote: '',
          });
        }
        case 'staff-offer-accepted':
        case 'staff-offer-declined':
        case 'staff-offer-expired':
          return renderEmail(notification.kind, locale, {
            volunteerName: volunteer.name,
            requestCategoryLabel: categoryLabel,
            district,
            whenText,
            requestUrl: `${base}/api/staff/help-requests/${request.id}`,
            agencyName: this.config.AGENCY_NAME,
          });
      }
    })();
    return { to: notification.recipient, messageId: notification.messageId, ...rendered };
  }
}

function formatBerlinDateTime(instant: Date, locale: 'de' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
}
