import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { Notification } from '../../notifications/notification.entity';
import { Opportunity } from '../../opportunities/opportunity.entity';
import { Placement } from '../../placements/placement.entity';
import { Provider } from '../../providers/provider.entity';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { Volunteer } from '../../volunteers/volunteer.entity';
import { hostReviewReminderKey } from '../../hosts/host-notification-keys';
import { HOST_LINK_DAYS, hostPageToken, hostReviewToken, type HostReviewAction } from '../host/host-links';
import { formatDateTime, formatDay } from '../shell/schedule-text';
import { emailTranslator, renderEmail, type RenderedEmail } from './render-email';
import { createLinkToken } from '../../shared/signed-links';
import { placementFollowUpToken } from '../links/placement-follow-up-links';

const DAY_MS = 24 * 3600_000;
/** As the volunteers' other self-service links (notification-composer.service.ts). */
const VOLUNTEER_LINK_DAYS = 365;
const STILL_PROPOSED = new Set(['proposed', 'host-contacted', 'trial']);

/** First word of a name: a host sees a proposed volunteer's first name only. */
export const firstNameOf = (name: string): string => name.trim().split(/\s+/)[0] ?? '';

/**
 * Emails to host organisations, always in the provider's language (`provider.locale`), with a
 * fresh 30-day link to the host page. Null when the email no longer says what is true.
 */
@Injectable()
export class HostEmailComposer {
  constructor(
    // DataSource, not repositories: read model across providers, opportunities, placements and volunteers.
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, now: Date, agency: AgencyProfile): Promise<RenderedEmail | null> {
    if (notification.kind === 'host-link') {
      return this.hostLink(notification, now, agency);
    }
    if (notification.kind === 'host-placement-proposed') {
      return this.placementProposed(notification, now, agency);
    }
    if (notification.kind === 'host-proposal-reminder') {
      return this.placementProposed(notification, now, agency, 'host-proposal-reminder');
    }
    if (notification.kind === 'host-review-reminder') {
      return this.reviewReminder(notification, now, agency);
    }
    if (
      notification.kind === 'volunteer-placement-follow-up' ||
      notification.kind === 'host-placement-follow-up'
    ) {
      return this.placementFollowUp(notification, now, agency);
    }
    return null;
  }

  /** The provider whose address (or one of whose opportunities' contact address) this is. */
  async providerFor(address: string): Promise<Provider | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT p.id FROM provider p WHERE lower(p.email) = $1
       UNION ALL
       SELECT o.provider_id FROM opportunity o WHERE lower(o.contact_email) = $1 AND o.status <> 'archived'
       LIMIT 1`,
      [address.trim().toLowerCase()],
    );
    return row ? this.dataSource.getRepository(Provider).findOneBy({ id: row.id }) : null;
  }

  private async hostLink(notification: Notification, now: Date, agency: AgencyProfile) {
    const provider = await this.providerFor(notification.recipient);
    if (!provider || !provider.active) {
      // Nobody has this address: forget it, as the volunteers' magic-link form does.
      await this.dataSource.query(
        `UPDATE notification SET recipient = $2 WHERE id = $1 AND status = 'pending'`,
        [notification.id, `nobody-${notification.id}@erased.invalid`],
      );
      return null;
    }
    const t = emailTranslator('host-link', provider.locale);
    return renderEmail('host-link', t.locale, {
      providerName: provider.name,
      url: this.pageUrl(provider, now),
      expiresText: formatDateTime(t, new Date(now.getTime() + HOST_LINK_DAYS * DAY_MS)),
      agency,
    });
  }

  private async placementProposed(
    notification: Notification,
    now: Date,
    agency: AgencyProfile,
    kind: 'host-placement-proposed' | 'host-proposal-reminder' = 'host-placement-proposed',
  ) {
    const placement = await this.dataSource
      .getRepository(Placement)
      .findOneBy({ id: notification.subjectId });
    // The reminder only while the host has not answered at all.
    const wanted = kind === 'host-proposal-reminder' ? new Set(['proposed']) : STILL_PROPOSED;
    if (!placement || !wanted.has(placement.stage)) {
      return null;
    }
    const opportunity = await this.dataSource
      .getRepository(Opportunity)
      .findOneByOrFail({ id: placement.opportunityId });
    const provider = await this.dataSource
      .getRepository(Provider)
      .findOneByOrFail({ id: opportunity.providerId });
    const volunteer = await this.dataSource.getRepository(Volunteer).findOneBy({ id: placement.volunteerId });
    if (!volunteer || volunteer.erasedAt !== null) {
      return null;
    }
    return renderEmail(kind, provider.locale, {
      providerName: provider.name,
      opportunityTitle: opportunity.title,
      volunteerFirstName: firstNameOf(volunteer.name),
      url: this.pageUrl(provider, now),
      agency,
    });
  }

  /** The review reminder's subject is a key of (opportunity, review-by): find the one it names. */
  private async reviewReminder(notification: Notification, now: Date, agency: AgencyProfile) {
    const candidates = await this.dataSource.query<{ id: string; reviewBy: string; providerId: string }[]>(
      `SELECT o.id, o.review_by::text AS "reviewBy", o.provider_id AS "providerId"
         FROM opportunity o JOIN provider p ON p.id = o.provider_id
        WHERE o.status = 'published' AND o.review_by IS NOT NULL
          AND (lower(o.contact_email) = $1 OR lower(p.email) = $1)`,
      [notification.recipient.toLowerCase()],
    );
    const row = candidates.find((c) => hostReviewReminderKey(c.id, c.reviewBy) === notification.subjectId);
    if (!row) {
      return null;
    }
    const opportunity = await this.dataSource.getRepository(Opportunity).findOneByOrFail({ id: row.id });
    const provider = await this.dataSource.getRepository(Provider).findOneByOrFail({ id: row.providerId });
    const t = emailTranslator('host-review-reminder', provider.locale);
    const review = (action: HostReviewAction) =>
      `${this.base}/host/review/${hostReviewToken(this.config.LINK_SECRET, opportunity.id, action, provider.linkVersion, now)}`;
    return renderEmail('host-review-reminder', t.locale, {
      providerName: provider.name,
      opportunityTitle: opportunity.title,
      reviewByText: formatDay(t, row.reviewBy),
      confirmUrl: review('review-confirm'),
      pauseUrl: review('review-pause'),
      pageUrl: this.pageUrl(provider, now),
      agency,
    });
  }

  /**
   * The follow-up question (docs/placements.md "Follow-up"), while the placement is still running:
   * to the volunteer in their language with a link to log hours, to the host in the provider's.
   */
  private async placementFollowUp(notification: Notification, now: Date, agency: AgencyProfile) {
    const placement = await this.dataSource
      .getRepository(Placement)
      .findOneBy({ id: notification.subjectId });
    if (!placement || placement.stage !== 'started' || placement.followUpSentAt === null) {
      return null;
    }
    const opportunity = await this.dataSource
      .getRepository(Opportunity)
      .findOneByOrFail({ id: placement.opportunityId });
    const provider = await this.dataSource
      .getRepository(Provider)
      .findOneByOrFail({ id: opportunity.providerId });
    const volunteer = await this.dataSource.getRepository(Volunteer).findOneBy({ id: placement.volunteerId });
    if (!volunteer || volunteer.erasedAt !== null) {
      return null;
    }
    const secret = this.config.LINK_SECRET;
    if (notification.kind === 'host-placement-follow-up') {
      return renderEmail('host-placement-follow-up', provider.locale, {
        providerName: provider.name,
        opportunityTitle: opportunity.title,
        volunteerFirstName: firstNameOf(volunteer.name),
        answerUrl: `${this.base}/placement-follow-ups/${placementFollowUpToken(secret, placement.id, 'host', provider.linkVersion, now)}`,
        agency,
      });
    }
    const preferences = createLinkToken(secret, {
      purpose: 'preferences',
      subjectId: volunteer.id,
      action: 'settings',
      expiresAt: new Date(now.getTime() + VOLUNTEER_LINK_DAYS * DAY_MS),
      version: volunteer.linkVersion,
    });
    return renderEmail('volunteer-placement-follow-up', volunteer.locale, {
      volunteerName: volunteer.name,
      opportunityTitle: opportunity.title,
      providerName: provider.name,
      answerUrl: `${this.base}/placement-follow-ups/${placementFollowUpToken(secret, placement.id, 'volunteer', volunteer.linkVersion, now)}`,
      hoursUrl: `${this.base}/preferences/${preferences}/hours`,
      agency,
    });
  }

  private pageUrl(provider: Provider, now: Date): string {
    return `${this.base}/host/${hostPageToken(this.config.LINK_SECRET, provider, now)}`;
  }

  private get base(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/$/, '');
  }
}
