import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityNotFoundError, In } from 'typeorm';
import { createLinkToken, type SelfServiceScope } from '../../shared/signed-links';
import { passwordResetToken } from '../../staff/passwords/account-tokens';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { HelpRequest } from '../../help-seekers/help-request.entity';
import { FOLLOW_UP_OUTCOMES, Match } from '../../matching/match.entity';
import { createOfferToken } from '../../shared/offer-links';
import { DEFAULT_MATCHING_SETTINGS } from '../../settings/matching-settings.service';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { retentionCheckKey } from '../../retention/retention.service';
import { loadRetentionSettings } from '../../retention/retention-settings.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { Volunteer } from '../../volunteers/volunteer.entity';
import { buildIcs } from '../../notifications/domain/ics';
import { firstAssignmentDate } from '../../notifications/domain/send-schedule';
import { EmailComposer, type ComposedNotification } from '../../notifications/email-composer';
import type { OutgoingEmail } from '../../notifications/email-transport';
import { emailConfirmationKey, emailFingerprint } from '../../notifications/domain/notification-keys';
import { Notification, NotificationKind } from '../../notifications/notification.entity';
import type { Translator } from '../../i18n';
import { emailTranslator, renderEmail, type RenderedEmail } from './render-email';
import { formatDateTime, formatWhen } from '../shell/schedule-text';
import { volunteerText } from '../shell/volunteer-text';
import { consoleLinks } from './console-links';
import { StaffDigestEmail } from './staff-digest-email.service';
import { volunteerAnswerOf } from './volunteer-answer-facts';
import { HostEmailComposer } from './host-email-composer';

/**
 * How long the links in emails stay valid. The footer's settings link lives long (it is in every
 * email and can do little); the account link (profile, export, deletion) is sent on request and
 * lives an hour. Any of them dies earlier when the volunteer's link version is raised.
 */
const VOLUNTEER_LINK_DAYS = 365;
const FOLLOW_UP_LINK_DAYS = 60;
export const EMAIL_CONFIRMATION_LINK_DAYS = 7;
export const ACCOUNT_LINK_MINUTES = 60;
const DAY_MS = 24 * 3600_000;
/** The "stay" link outlives the answer period a little: the job may run later than the deadline. */
const RETENTION_LINK_GRACE_DAYS = 14;

/** A match with the request and volunteer it joins, as read for composing. */
interface MatchRows {
  match: Match;
  request: HelpRequest;
  volunteer: Volunteer;
}

/** The rows of the matches a batch of emails is about, read once for the whole batch. */
type LoadedMatches = Map<string, MatchRows | EntityNotFoundError>;

interface MatchContext {
  match: Match;
  request: HelpRequest;
  volunteer: Volunteer;
  categoryLabel: string;
  whenText: string;
  district: string;
}

/**
 * Turns a notification row into a ready email, reading the current state (notifications' EmailComposer,
 * bound in the worker's composition root). Kept apart from sending so a retry after an SMTP failure
 * repeats only the SMTP step's inputs, never a state change. The email is null when it is no longer
 * wanted (a reminder for a match called off, an offer to a volunteer who paused): the sender then
 * cancels it instead of sending.
 */
@Injectable()
export class NotificationComposer extends EmailComposer {
  constructor(
    // DataSource, not repositories: Read model: renders an email from the current request, match and volunteer rows, across features.
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly taxonomy: TaxonomyService,
    private readonly staffDigest: StaffDigestEmail,
    private readonly agencyProfile: AgencyProfileService,
    private readonly hostEmails: HostEmailComposer,
  ) {
    super();
  }

  /**
   * Composes a batch, one result per notification in order: the matches they are about are read
   * in three statements for the whole batch rather than three per email. One email's failure
   * (its subject is gone) is its own.
   */
  async composeMany(
    notifications: Notification[],
    now = new Date(),
  ): Promise<PromiseSettledResult<ComposedNotification>[]> {
    const matches = await this.loadMatches(
      notifications.filter((notification) => isAboutAMatch(notification.kind)).map((n) => n.subjectId),
    );
    // Every email's footer carries the agency's contact data, read once for the batch.
    const agency = await this.agencyProfile.get();
    // One email rendered per event-loop turn (their reads still overlap): rendering is synchronous,
    // and a whole batch of it would hold back the SMTP replies of emails being sent meanwhile,
    // whose `sent` records must follow their `250` at once (docs/delivery.md).
    const built: Promise<ComposedNotification>[] = [];
    for (const notification of notifications) {
      await nextTurn();
      built.push(
        this.build(notification, now, matches, agency).then(
          (composed) => composed ?? { email: null, covers: [], cancels: [] },
        ),
      );
    }
    return Promise.allSettled(built);
  }

  private async build(
    notification: Notification,
    now: Date,
    matches: LoadedMatches,
    agency: AgencyProfile,
  ): Promise<ComposedNotification | null> {
    const single = (rendered: RenderedEmail, extra: Partial<OutgoingEmail> = {}): ComposedNotification => ({
      email: { to: notification.recipient, messageId: notification.messageId, ...rendered, ...extra },
      covers: [],
      cancels: [],
    });
    const locale = notification.locale;
    // Dates and times in the reader's language; the same fallback as the texts (German).
    const t = emailTranslator(notification.kind, locale);
    switch (notification.kind) {
      case 'volunteer-offer-digest':
        return this.offerDigest(notification, now, agency);
      case 'volunteer-email-confirmation': {
        const volunteer = await this.dataSource
          .getRepository(Volunteer)
          .findOneBy({ email: notification.recipient });
        if (
          !volunteer ||
          volunteer.emailConfirmedAt !== null ||
          emailConfirmationKey(volunteer.id, volunteer.email) !== notification.subjectId
        ) {
          return null;
        }
        const expiresAt = new Date(now.getTime() + EMAIL_CONFIRMATION_LINK_DAYS * DAY_MS);
        const token = createLinkToken(this.config.LINK_SECRET, {
          purpose: 'email-confirmation',
          subjectId: volunteer.id,
          action: emailFingerprint(volunteer.email),
          expiresAt,
          version: volunteer.linkVersion,
        });
        return single(
          renderEmail('volunteer-email-confirmation', locale, {
            volunteerName: volunteer.name,
            confirmUrl: `${this.base}/email-confirmations/${token}`,
            expiresText: formatDateTime(t, expiresAt),
            agency,
          }),
        );
      }
      case 'volunteer-self-service-link':
        return this.accountLink(notification, now, agency);
      case 'volunteer-retention-check': {
        const volunteer = await this.dataSource
          .getRepository(Volunteer)
          .findOneBy({ email: notification.recipient });
        const [check] = volunteer
          ? await this.dataSource.query<{ askedAt: Date; stayConfirmedAt: Date | null }[]>(
              `SELECT asked_at AS "askedAt", stay_confirmed_at AS "stayConfirmedAt"
                 FROM volunteer_retention_check WHERE volunteer_id = $1`,
              [volunteer.id],
            )
          : [];
        // Gone, or asked again since (this is an older question): nothing to ask with this email.
        if (
          !volunteer ||
          volunteer.erasedAt !== null ||
          !check ||
          retentionCheckKey(volunteer.id, check.askedAt) !== notification.subjectId
        ) {
          return null;
        }
        const { volunteerAnswerDays } = await loadRetentionSettings(this.dataSource);
        const deadline = new Date(check.askedAt.getTime() + volunteerAnswerDays * DAY_MS);
        const token = createLinkToken(this.config.LINK_SECRET, {
          purpose: 'retention',
          subjectId: volunteer.id,
          action: 'stay',
          version: volunteer.linkVersion,
          // Accepted after the deadline too, as long as the person is not yet anonymised.
          expiresAt: new Date(deadline.getTime() + RETENTION_LINK_GRACE_DAYS * DAY_MS),
        });
        return single(
          renderEmail('volunteer-retention-check', locale, {
            volunteerName: volunteer.name,
            stayUrl: `${this.base}/retention/${token}`,
            deadlineText: formatDateTime(t, deadline),
            agency,
          }),
        );
      }
      case 'staff-password-reset': {
        // Only the token's hash is stored; the token is derived from the reset's id again here.
        const [reset] = await this.dataSource.query<{ name: string; expiresAt: Date }[]>(
          `SELECT u.name, r.expires_at AS "expiresAt" FROM staff_password_reset r
             JOIN staff_user u ON u.id = r.staff_user_id
            WHERE r.id = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.deactivated_at IS NULL`,
          [notification.subjectId],
        );
        if (!reset) {
          return null;
        }
        const token = passwordResetToken(this.config.LINK_SECRET, notification.subjectId);
        return single(
          renderEmail('staff-password-reset', locale, {
            staffName: reset.name,
            url: `${this.base}/console/password-reset/${token}`,
            expiresText: formatDateTime(t, reset.expiresAt),
            agency,
          }),
        );
      }
      case 'volunteer-welcome':
      case 'volunteer-deactivated': {
        const volunteer = await this.dataSource
          .getRepository(Volunteer)
          .findOneBy({ email: notification.recipient });
        // Active again (or set inactive) since: the email no longer says what is true.
        const wanted = notification.kind === 'volunteer-welcome' ? 'active' : 'inactive';
        if (!volunteer || volunteer.erasedAt !== null || volunteer.status !== wanted) {
          return null;
        }
        if (notification.kind === 'volunteer-deactivated') {
          return single(
            renderEmail('volunteer-deactivated', locale, { volunteerName: volunteer.name, agency }),
          );
        }
        return single(
          renderEmail('volunteer-welcome', locale, {
            volunteerName: volunteer.name,
            preferencesUrl: this.volunteerLinks(volunteer, now).preferencesUrl,
            agency,
          }),
        );
      }
      case 'host-link':
      case 'host-placement-proposed':
      case 'host-proposal-reminder':
      case 'host-review-reminder':
      case 'volunteer-placement-follow-up':
      case 'host-placement-follow-up': {
        const email = await this.hostEmails.compose(notification, now, agency);
        return email ? single(email) : null;
      }
      case 'staff-daily-digest':
        return single(
          renderEmail('staff-daily-digest', locale, {
            ...(await this.staffDigest.collect(now, t.locale)),
            agency,
          }),
        );
      default:
        break;
    }

    const context = matchContext(matches, notification.subjectId, t, this.taxonomy, now);
    if (!context) {
      return null;
    }
    const { match, request, volunteer, categoryLabel, whenText, district } = context;
    const requestUrl = consoleLinks(this.base).request(request.id);
    const contact = () => {
      const seeker = request.helpSeeker;
      const provider = request.provider;
      return {
        streetAddress: request.streetAddress ?? provider?.streetAddress ?? '',
        postalCode: request.postalCode,
        district,
        contactName: seeker?.name ?? provider?.contactPerson ?? agency.name,
        contactPhone: seeker?.phone ?? provider?.phone ?? null,
        contactEmail: seeker?.email ?? provider?.email ?? null,
      };
    };

    switch (notification.kind) {
      case 'volunteer-offer': {
        if (volunteer.status !== 'active' || !['approved', 'offered'].includes(match.status)) {
          return null;
        }
        const links = this.offerLinks(match, volunteer);
        const { unsubscribeUrl, preferencesUrl } = this.volunteerLinks(volunteer, now);
        return single(
          renderEmail('volunteer-offer', locale, {
            volunteerName: volunteer.name,
            categoryLabel,
            description: volunteerText(t, request, categoryLabel),
            district,
            whenText,
            acceptUrl: links.accept,
            declineUrl: links.decline,
            expiresText: formatDateTime(t, links.expiresAt),
            agency,
            unsubscribeUrl,
            preferencesUrl,
          }),
          { headers: this.unsubscribeHeaders(unsubscribeUrl) },
        );
      }
      case 'volunteer-confirmation': {
        const firstDate = firstAssignmentDate(request.schedule, match.respondedAt ?? now);
        const details = contact();
        const ics = firstDate
          ? buildIcs({
              uid: `match-${match.id}@nahbar`,
              summary: t.t('email.ics.summary', { category: categoryLabel, agency: agency.name }),
              description: details.contactPhone
                ? t.t('email.ics.contactWithPhone', {
                    name: details.contactName,
                    phone: details.contactPhone,
                  })
                : t.t('email.ics.contact', { name: details.contactName }),
              location: `${details.streetAddress}, ${details.postalCode} ${district}`,
              schedule: request.schedule,
              firstDate,
              createdAt: match.respondedAt ?? now,
            })
          : null;
        return single(
          renderEmail('volunteer-confirmation', locale, {
            volunteerName: volunteer.name,
            categoryLabel,
            whenText,
            ...details,
            // Stored only with the person's consent to health data (withdrawing it clears them).
            accessibilityNeeds: request.helpSeeker?.accessibilityNeeds ?? [],
            agency,
            hasCalendarFile: ics !== null,
            // The template already asks to use the contact only for this assignment; no agency extra yet.
            privacyNote: '',
            dropOutUrl: `${this.base}/drop-outs/${createLinkToken(this.config.LINK_SECRET, {
              purpose: 'drop-out',
              subjectId: match.id,
              action: 'drop-out',
              expiresAt: new Date(now.getTime() + VOLUNTEER_LINK_DAYS * DAY_MS),
              version: volunteer.linkVersion,
            })}`,
          }),
          ics
            ? {
                attachments: [
                  { filename: 'termin.ics', contentType: 'text/calendar; charset=utf-8', content: ics },
                ],
              }
            : {},
        );
      }
      case 'volunteer-reminder': {
        if (match.status !== 'accepted' || request.status !== 'matched') {
          return null;
        }
        const { contactEmail: _unused, ...details } = contact();
        return single(
          renderEmail('volunteer-reminder', locale, {
            volunteerName: volunteer.name,
            categoryLabel,
            whenText,
            ...details,
            agency,
          }),
        );
      }
      case 'volunteer-follow-up': {
        if (
          match.status !== 'accepted' ||
          match.followUpOutcome !== null ||
          !['matched', 'done'].includes(request.status)
        ) {
          return null;
        }
        const expiresAt = new Date(now.getTime() + FOLLOW_UP_LINK_DAYS * DAY_MS);
        const [wentWellUrl, problemsUrl, didNotHappenUrl] = FOLLOW_UP_OUTCOMES.map(
          (action) =>
            `${this.base}/follow-ups/${createLinkToken(this.config.LINK_SECRET, {
              purpose: 'follow-up',
              subjectId: match.id,
              action,
              expiresAt,
              version: volunteer.linkVersion,
            })}`,
        );
        return single(
          renderEmail('volunteer-follow-up', locale, {
            volunteerName: volunteer.name,
            categoryLabel,
            district,
            whenText,
            wentWellUrl,
            problemsUrl,
            didNotHappenUrl,
            hoursUrl: `${this.volunteerLinks(volunteer, now).preferencesUrl}/hours`,
            agency,
          }),
        );
      }
      case 'volunteer-offer-withdrawn': {
        // Only for a match that really was withdrawn; an erased volunteer is not written to.
        if (match.status !== 'withdrawn' || volunteer.erasedAt !== null) {
          return null;
        }
        return single(
          renderEmail('volunteer-offer-withdrawn', locale, {
            volunteerName: volunteer.name,
            categoryLabel,
            district,
            whenText,
            reason: match.withdrawalReason ?? 'request-closed',
            agency,
          }),
        );
      }
      case 'help-seeker-confirmation': {
        if (match.status !== 'accepted' || !request.helpSeeker) {
          return null;
        }
        return single(
          renderEmail('help-seeker-confirmation', locale, {
            helpSeekerName: request.helpSeeker.name,
            volunteerName: volunteer.name,
            categoryLabel,
            whenText,
            agency,
          }),
        );
      }
      case 'staff-offer-accepted':
      case 'staff-offer-declined':
      case 'staff-offer-expired':
      case 'staff-offer-withdrawn':
      case 'staff-assignment-cancelled':
        return single(
          renderEmail(notification.kind, locale, {
            volunteerName: volunteer.name,
            requestCategoryLabel: categoryLabel,
            district,
            whenText,
            requestUrl,
            agency,
            ...volunteerAnswerOf(t, match),
          }),
        );
    }
  }

  /** All offers batched for this volunteer that are still open, in one email. */
  private async offerDigest(
    notification: Notification,
    now: Date,
    agency: AgencyProfile,
  ): Promise<ComposedNotification | null> {
    const volunteer = await this.dataSource
      .getRepository(Volunteer)
      .findOneBy({ email: notification.recipient });
    const batched = await this.dataSource.getRepository(Notification).find({
      where: { kind: 'volunteer-offer', recipient: notification.recipient, status: 'batched' },
      order: { createdAt: 'ASC' },
    });
    const matches = await this.dataSource.getRepository(Match).findBy({
      id: In(batched.map((row) => row.subjectId)),
      status: 'approved',
    });
    const open = new Set(matches.map((match) => match.id));
    const covered = volunteer?.status === 'active' ? batched.filter((row) => open.has(row.subjectId)) : [];
    const cancels = batched.filter((row) => !covered.includes(row)).map((row) => row.id);
    if (!volunteer || covered.length === 0) {
      return { email: null, covers: [], cancels };
    }
    const locale = notification.locale;
    const t = emailTranslator(notification.kind, locale);
    const offers = [];
    const loaded = await this.loadMatches(covered.map((row) => row.subjectId));
    for (const row of covered) {
      const context = matchContext(loaded, row.subjectId, t, this.taxonomy, now);
      if (!context) {
        continue;
      }
      const links = this.offerLinks(context.match, context.volunteer);
      offers.push({
        categoryLabel: context.categoryLabel,
        description: volunteerText(t, context.request, context.categoryLabel),
        district: context.district,
        whenText: context.whenText,
        acceptUrl: links.accept,
        declineUrl: links.decline,
        expiresText: formatDateTime(t, links.expiresAt),
      });
    }
    const { unsubscribeUrl, preferencesUrl } = this.volunteerLinks(volunteer, now);
    const rendered = renderEmail('volunteer-offer-digest', locale, {
      volunteerName: volunteer.name,
      agency,
      offers,
      unsubscribeUrl,
      preferencesUrl,
    });
    return {
      email: {
        to: notification.recipient,
        messageId: notification.messageId,
        ...rendered,
        headers: this.unsubscribeHeaders(unsubscribeUrl),
      },
      covers: covered.map((row) => row.id),
      cancels,
    };
  }

  /** Each match with its request (help-seeker, provider) and volunteer; absent ids are left out. */
  private async loadMatches(matchIds: string[]): Promise<LoadedMatches> {
    const loaded: LoadedMatches = new Map();
    const ids = [...new Set(matchIds)];
    if (ids.length === 0) {
      return loaded;
    }
    const matches = await this.dataSource.getRepository(Match).findBy({ id: In(ids) });
    const requests = new Map(
      (
        await this.dataSource.getRepository(HelpRequest).find({
          where: { id: In([...new Set(matches.map((match) => match.requestId))]) },
          relations: { helpSeeker: true, provider: true },
        })
      ).map((request) => [request.id, request]),
    );
    const volunteers = new Map(
      (
        await this.dataSource
          .getRepository(Volunteer)
          .findBy({ id: In([...new Set(matches.map((match) => match.volunteerId))]) })
      ).map((volunteer) => [volunteer.id, volunteer]),
    );
    for (const match of matches) {
      const request = requests.get(match.requestId);
      const volunteer = volunteers.get(match.volunteerId);
      loaded.set(
        match.id,
        request && volunteer
          ? { match, request, volunteer }
          : new EntityNotFoundError(request ? Volunteer : HelpRequest, { matchId: match.id }),
      );
    }
    return loaded;
  }

  /**
   * The magic link to the volunteer's own page with the `account` scope, asked for on the public
   * form (any address is queued there, so the form's answer tells nothing) or from the settings
   * page. An address nobody registered gets nothing, and its row keeps no trace of it.
   */
  private async accountLink(
    notification: Notification,
    now: Date,
    agency: AgencyProfile,
  ): Promise<ComposedNotification | null> {
    const volunteer = await this.dataSource
      .getRepository(Volunteer)
      .findOneBy({ email: notification.recipient });
    if (!volunteer || volunteer.erasedAt !== null) {
      await this.dataSource
        .getRepository(Notification)
        .update(
          { id: notification.id, status: 'pending' },
          { recipient: `nobody-${notification.id}@erased.invalid` },
        );
      return null;
    }
    // The volunteer's language: the form that asked does not know it.
    const t = emailTranslator(notification.kind, volunteer.locale);
    const expiresAt = new Date(now.getTime() + ACCOUNT_LINK_MINUTES * 60_000);
    const token = createLinkToken(this.config.LINK_SECRET, {
      purpose: 'preferences',
      subjectId: volunteer.id,
      action: 'account' satisfies SelfServiceScope,
      expiresAt,
      version: volunteer.linkVersion,
    });
    return {
      email: {
        to: notification.recipient,
        messageId: notification.messageId,
        ...renderEmail('volunteer-self-service-link', t.locale, {
          volunteerName: volunteer.name,
          url: `${this.base}/preferences/${token}`,
          expiresText: formatDateTime(t, expiresAt),
          agency,
        }),
      },
      covers: [],
      cancels: [],
    };
  }

  private offerLinks(
    match: Match,
    volunteer: Pick<Volunteer, 'linkVersion'>,
  ): { accept: string; decline: string; expiresAt: Date } {
    const expiresAt =
      match.offerExpiresAt ??
      new Date(match.createdAt.getTime() + DEFAULT_MATCHING_SETTINGS.offerResponseHours * 3600_000);
    const link = (action: 'accept' | 'decline') =>
      `${this.base}/offers/${createOfferToken(this.config.LINK_SECRET, { matchId: match.id, action, expiresAt, version: volunteer.linkVersion })}`;
    return { accept: link('accept'), decline: link('decline'), expiresAt };
  }

  /**
   * The volunteer's own links in the footer of offer emails: one-click unsubscribe and the settings
   * page with the `settings` scope only (no profile, export or deletion from a year-long link).
   */
  private volunteerLinks(
    volunteer: Volunteer,
    now: Date,
  ): { unsubscribeUrl: string; preferencesUrl: string } {
    const expiresAt = new Date(now.getTime() + VOLUNTEER_LINK_DAYS * DAY_MS);
    const token = (purpose: 'unsubscribe' | 'preferences', action: string) =>
      createLinkToken(this.config.LINK_SECRET, {
        purpose,
        subjectId: volunteer.id,
        action,
        expiresAt,
        version: volunteer.linkVersion,
      });
    return {
      unsubscribeUrl: `${this.base}/unsubscribe/${token('unsubscribe', 'pause-offers')}`,
      preferencesUrl: `${this.base}/preferences/${token('preferences', 'settings' satisfies SelfServiceScope)}`,
    };
  }

  /** RFC 8058 one-click unsubscribe (RFC 2369 header with an https and a mailto address). */
  private unsubscribeHeaders(url: string): Record<string, string> {
    const mailto = `mailto:${this.config.STAFF_NOTIFY_EMAIL}?subject=${encodeURIComponent('Abmelden / unsubscribe')}`;
    return {
      'List-Unsubscribe': `<${url}>, <${mailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }

  private get base(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/$/, '');
  }
}

const isAboutAMatch = (kind: NotificationKind): boolean => !KINDS_NOT_ABOUT_A_MATCH.has(kind);

const KINDS_NOT_ABOUT_A_MATCH = new Set<NotificationKind>([
  'volunteer-offer-digest',
  'volunteer-email-confirmation',
  'volunteer-self-service-link',
  'staff-daily-digest',
  'volunteer-retention-check',
  'staff-password-reset',
  'volunteer-welcome',
  'volunteer-deactivated',
  'host-link',
  'host-placement-proposed',
  'host-proposal-reminder',
  'host-review-reminder',
  'volunteer-placement-follow-up',
  'host-placement-follow-up',
]);

/**
 * What the templates show of a match; null when the match is gone, and its subject's absence
 * thrown (no retry can compose the email) when the request or volunteer is.
 */
function matchContext(
  loaded: LoadedMatches,
  matchId: string,
  t: Translator,
  taxonomy: TaxonomyService,
  now: Date,
): MatchContext | null {
  const rows = loaded.get(matchId);
  if (rows === undefined) {
    return null;
  }
  if (rows instanceof EntityNotFoundError) {
    throw rows;
  }
  const { request, match } = rows;
  return {
    ...rows,
    categoryLabel: taxonomy.label('categories', request.category, t),
    whenText: formatWhen(
      t,
      request.schedule,
      firstAssignmentDate(request.schedule, match.respondedAt ?? now),
    ),
    district: request.district ?? request.postalCode,
  };
}
