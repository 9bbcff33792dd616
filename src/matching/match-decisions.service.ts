import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ConflictError, NotFoundError } from '../shared/domain-error';
import { isLocale } from '../i18n';
import { CallTask } from '../help-seekers/call-task.entity';
import { assertRequestTransition } from '../help-seekers/domain/request-status';
import { HelpRequest } from '../help-seekers/help-request.entity';
import { HelpSeeker } from '../help-seekers/help-seeker.entity';
import { followUpTime, reminderTime } from '../notifications/domain/send-schedule';
import { NotificationOutbox, sendPreferencesOf } from '../notifications/notification-outbox.service';
import { OutboxService } from '../queue/outbox.service';
import { MATCH_REQUEST_JOB, MATCHING_QUEUE, matchRequestJobId } from '../queue/job-contracts';
import { MatchingSettings, MatchingSettingsService } from '../settings/matching-settings.service';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { Volunteer } from '../volunteers/volunteer.entity';
import { assertMatchTransition, OPEN_MATCH_STATUSES } from './domain/match-status';
import type { DeclineReason } from './domain/volunteer-answers';
import { berlinDateOf } from '../shared/berlin-time';
import { FollowUpOutcome, Match } from './match.entity';
import { OfferAction } from '../shared/offer-links';
import { offerDeadline } from './domain/offer-deadline';
import { firstStartOf } from '../shared/schedule-start';

/**
 * When the help is first needed: the stored starts_at, or (for rows written without it, e.g. by a
 * raw INSERT) computed from the schedule the same way.
 */
const appointmentOf = (request: HelpRequest): Date | null =>
  request.startsAt ?? firstStartOf(request.schedule, request.createdAt ?? new Date());

/** Why a request escalated to staff (help_request.escalation_reason). */
export const ESCALATION_REASONS = ['no-time-to-ask'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Offers cannot reach anyone in time before the appointment: staff must phone. */
export const TOO_LATE_TO_OFFER =
  'the appointment is too close for an offer by email (the answer would be due after the lead time before the start): call the volunteer and record a placement agreed by phone';
import { OfferWithdrawalService } from './offer-withdrawal.service';

export type OfferResponseOutcome =
  'accepted' | 'declined' | 'already-answered' | 'no-longer-open' | 'expired' | 'volunteer-not-active';

/**
 * Only an active volunteer may take an assignment: accepting sends them the help-seeker's address,
 * so one made inactive, paused or erased since the offer cannot.
 */
export const mayAccept = (volunteer: Pick<Volunteer, 'status' | 'erasedAt'>): boolean =>
  volunteer.status === 'active' && volunteer.erasedAt === null;

export type FollowUpRecordOutcome = 'recorded' | 'already-recorded' | 'not-applicable';

interface LockedMatch {
  match: Match;
  request: HelpRequest;
}

/**
 * What staff and volunteers decide about a match. Each decision is one transaction that also writes
 * the emails it triggers (outbox), then hands them to Redis after commit.
 */
@Injectable()
export class MatchDecisionsService {
  private readonly logger = new Logger(MatchDecisionsService.name);

  constructor(
    // DataSource, not repositories: A decision is one transaction over the match, its request, the volunteer and the emails it queues (cross-feature).
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly settings: MatchingSettingsService,
    private readonly withdrawals: OfferWithdrawalService,
  ) {}

  /** Staff approve a proposal: the volunteer gets the offer email. One open offer per request. */
  async approve(matchId: string, staff: AuthenticatedStaff): Promise<Match> {
    const settings = await this.settings.get();
    return this.decide(matchId, async (manager, { match, request }) => {
      if (match.status !== 'proposed') {
        throw new ConflictError(`the match is ${match.status}, only a proposed match can be approved`);
      }
      const openOffer = await manager.count(Match, {
        where: { requestId: request.id, status: In(['approved', 'offered', 'accepted']) },
      });
      if (openOffer > 0) {
        throw new ConflictError('another volunteer has already been asked for this request');
      }
      const now = new Date();
      // An override of the weekly cap was the staff's decision, with a reason: it is not asked again.
      await this.assertMayBeOffered(
        manager,
        match.volunteerId,
        now,
        match.overriddenRules?.includes('weekly-offer-cap') ?? false,
      );
      if (this.tooLateToOffer(request, settings, now)) {
        throw new ConflictError(TOO_LATE_TO_OFFER);
      }
      const jobIds = await this.offer(manager, match, request, staff.id, settings, now);
      await this.audit.record(
        { staffUserId: staff.id, action: 'match.approved', entityType: 'match', entityId: match.id },
        manager,
      );
      return { result: match, jobIds };
    });
  }

  /** Staff turn a proposal down; when none is left, the request waits for a human again. */
  async reject(matchId: string, staff: AuthenticatedStaff): Promise<Match> {
    return this.decide(matchId, async (manager, { match, request }) => {
      if (match.status !== 'proposed') {
        throw new ConflictError(`the match is ${match.status}, only a proposed match can be rejected`);
      }
      const now = new Date();
      assertMatchTransition(match.status, 'withdrawn');
      Object.assign(match, { status: 'withdrawn', decidedByStaffId: staff.id, decidedAt: now });
      await manager.save(match);
      await this.audit.record(
        { staffUserId: staff.id, action: 'match.rejected', entityType: 'match', entityId: match.id },
        manager,
      );
      if (request.status === 'proposals-ready' && !(await this.hasProposals(manager, request.id))) {
        assertRequestTransition(request.status, 'open');
        await manager.update(HelpRequest, request.id, { status: 'open', statusChangedAt: now });
      }
      return { result: match, jobIds: [] };
    });
  }

  /** The volunteer's answer from the offer email. Every outcome is an answer for a page, not an error. */
  async respond(
    matchId: string,
    action: OfferAction,
    now = new Date(),
    /** Why, when declining (optional, from the decline page). */
    declined: { reason: DeclineReason | null; note: string | null } = { reason: null, note: null },
  ): Promise<OfferResponseOutcome> {
    const settings = await this.settings.get();
    return this.decide(matchId, async (manager, { match, request }) => {
      if (['accepted', 'declined'].includes(match.status)) {
        return { result: 'already-answered' as const, jobIds: [] };
      }
      if (!['approved', 'offered'].includes(match.status)) {
        return { result: 'no-longer-open' as const, jobIds: [] };
      }
      if (match.offerExpiresAt && match.offerExpiresAt <= now) {
        return { result: 'expired' as const, jobIds: [] };
      }
      const volunteer = await manager.findOneOrFail(Volunteer, {
        where: { id: match.volunteerId },
        lock: { mode: 'pessimistic_read' },
      });
      if (action === 'accept' && !mayAccept(volunteer)) {
        return { result: 'volunteer-not-active' as const, jobIds: [] };
      }
      const answer = action === 'accept' ? 'accepted' : 'declined';
      assertMatchTransition(match.status, answer);
      if (action === 'accept') {
        assertRequestTransition(request.status, 'matched');
      }
      Object.assign(match, {
        status: answer,
        respondedAt: now,
        ...(action === 'decline' ? { declineReason: declined.reason, declineNote: declined.note } : {}),
      });
      await manager.save(match);
      const staffNotice = await this.notifications.queue(manager, {
        kind: action === 'accept' ? 'staff-offer-accepted' : 'staff-offer-declined',
        subjectId: match.id,
        recipient: this.config.STAFF_NOTIFY_EMAIL,
        locale: 'de',
      });
      if (action === 'accept') {
        const jobIds = await this.confirmAcceptance(manager, match, request, volunteer, now);
        return { result: 'accepted' as const, jobIds: [staffNotice, ...jobIds] };
      }
      const next = await this.moveOn(manager, request, now, settings);
      return { result: 'declined' as const, jobIds: [staffNotice, next] };
    });
  }

  /**
   * Staff record a placement agreed by phone: the volunteer's yes, on their behalf. The match is
   * accepted (through approved, as if offered and answered at once), the request is matched, and
   * the usual confirmation emails and reminders go out. Runs inside the caller's transaction, which
   * must hold the request's row lock; returns the jobs to relay after commit.
   */
  async acceptOnBehalfIn(
    manager: EntityManager,
    match: Match,
    request: HelpRequest,
    staff: AuthenticatedStaff,
    now: Date,
  ): Promise<(string | null)[]> {
    if (!['proposed', 'approved', 'offered'].includes(match.status)) {
      throw new ConflictError(
        `the match is ${match.status}: only a proposal or an open offer can be accepted`,
      );
    }
    const others = await manager.count(Match, {
      where: { requestId: request.id, status: In(['approved', 'offered', 'accepted']) },
    });
    const ownOffer = ['approved', 'offered'].includes(match.status) ? 1 : 0;
    if (others - ownOffer > 0) {
      throw new ConflictError('another volunteer has already been asked for or has accepted this request');
    }
    const volunteer = await manager.findOneOrFail(Volunteer, {
      where: { id: match.volunteerId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!mayAccept(volunteer)) {
      throw new ConflictError(`the volunteer is ${volunteer.status}: an inactive volunteer can never accept`);
    }
    if (match.status === 'proposed') {
      assertMatchTransition('proposed', 'approved');
    }
    assertMatchTransition('approved', 'accepted');
    if (request.status !== 'offered') {
      assertRequestTransition(request.status, 'offered');
    }
    assertRequestTransition('offered', 'matched');
    Object.assign(match, {
      status: 'accepted',
      decidedByStaffId: match.decidedByStaffId ?? staff.id,
      decidedAt: match.decidedAt ?? now,
      respondedAt: now,
      acceptedOnBehalfByStaffId: staff.id,
    });
    await manager.save(match);
    await this.audit.record(
      {
        staffUserId: staff.id,
        action: 'match.accepted-on-behalf',
        entityType: 'match',
        entityId: match.id,
        details: { requestId: request.id, volunteerId: match.volunteerId },
      },
      manager,
    );
    const staffNotice = await this.notifications.queue(manager, {
      kind: 'staff-offer-accepted',
      subjectId: match.id,
      recipient: this.config.STAFF_NOTIFY_EMAIL,
      locale: 'de',
    });
    return [staffNotice, ...(await this.confirmAcceptance(manager, match, request, volunteer, now))];
  }

  /** Staff record a placement agreed by phone for a proposal or an open offer (own transaction). */
  async acceptOnBehalf(matchId: string, staff: AuthenticatedStaff, now = new Date()): Promise<Match> {
    return this.decide(matchId, async (manager, { match, request }) => {
      const jobIds = await this.acceptOnBehalfIn(manager, match, request, staff, now);
      return { result: match, jobIds };
    });
  }

  /**
   * After a yes (the volunteer's click, or staff on their behalf): the request is matched, the
   * other proposals close, the volunteer is confirmed and reminded, the help-seeker told.
   */
  private async confirmAcceptance(
    manager: EntityManager,
    match: Match,
    request: HelpRequest,
    volunteer: Volunteer,
    now: Date,
  ): Promise<(string | null)[]> {
    await manager.update(HelpRequest, request.id, {
      status: 'matched',
      matchedAt: now,
      statusChangedAt: now,
      escalatedAt: null,
      escalationReason: null,
    });
    // The other proposals end so the volunteers stay free; anyone else sent an offer is told.
    const others = await this.withdrawals.withdrawMatches(
      manager,
      await this.withdrawals.openMatchIds(manager, [request.id]),
      'filled',
    );
    // The confirmation answers the volunteer's own click, so it goes at once, quiet hours or not.
    const confirmation = await this.notifications.queue(manager, {
      kind: 'volunteer-confirmation',
      subjectId: match.id,
      recipient: volunteer.email,
      locale: volunteer.locale,
    });
    const later = await this.scheduleReminders(manager, match, request, volunteer, now);
    const seeker = await this.tellHelpSeeker(manager, match, request);
    return [confirmation, ...later, seeker, ...others.jobIds];
  }

  /**
   * The volunteer's answer to the follow-up email, kept on the match for staff (the daily digest
   * lists it). Only an accepted match can be followed up, and only the first answer counts.
   */
  async recordFollowUp(
    matchId: string,
    outcome: FollowUpOutcome,
    now = new Date(),
  ): Promise<FollowUpRecordOutcome> {
    return this.decide(matchId, async (manager, { match }) => {
      if (match.status !== 'accepted') {
        return { result: 'not-applicable' as const, jobIds: [] };
      }
      if (match.followUpOutcome !== null) {
        return { result: 'already-recorded' as const, jobIds: [] };
      }
      await manager.update(Match, match.id, { followUpOutcome: outcome, followUpAt: now });
      return { result: 'recorded' as const, jobIds: [] };
    });
  }

  /**
   * Offers that got no answer in time expire, and the request moves on like after a decline.
   * Run by a repeatable job; each expiry is its own transaction, so one failure stops no other.
   */
  async expireOverdueOffers(now = new Date()): Promise<number> {
    const overdue = await this.dataSource.getRepository(Match).find({
      select: { id: true },
      where: { status: In(['approved', 'offered']), offerExpiresAt: LessThanOrEqual(now) },
      take: 500,
    });
    const settings = await this.settings.get();
    let expired = 0;
    for (const { id } of overdue) {
      const done = await this.decide(id, async (manager, { match, request }) => {
        if (
          !['approved', 'offered'].includes(match.status) ||
          !match.offerExpiresAt ||
          match.offerExpiresAt > now
        ) {
          return { result: false, jobIds: [] };
        }
        const volunteer = await manager.findOneByOrFail(Volunteer, { id: match.volunteerId });
        assertMatchTransition(match.status, 'expired');
        Object.assign(match, { status: 'expired', respondedAt: null });
        await manager.save(match);
        const staffNotice = await this.notifications.queue(manager, {
          kind: 'staff-offer-expired',
          subjectId: match.id,
          recipient: this.config.STAFF_NOTIFY_EMAIL,
          locale: 'de',
        });
        const next = await this.moveOn(manager, request, now, settings);
        this.logger.log(`offer ${match.id} to volunteer ${volunteer.id} expired`);
        return { result: true, jobIds: [staffNotice, next] };
      });
      expired += done ? 1 : 0;
    }
    return expired;
  }

  /**
   * A volunteer who is no longer active (made inactive, paused, erased) holds no proposal and no
   * open offer: each is withdrawn and its request moves on as after a decline (staff are told about
   * offers). After an erasure their upcoming agreed assignments end too: the request is matched
   * again and staff are alerted, since the help-seeker was told who would come. Run from an outbox
   * job written with the status change; each match is its own transaction, safe to run twice.
   */
  async releaseVolunteer(volunteerId: string, now = new Date()): Promise<number> {
    const volunteer = await this.dataSource.getRepository(Volunteer).findOneBy({ id: volunteerId });
    if (!volunteer || mayAccept(volunteer)) {
      return 0;
    }
    const held = await this.dataSource.getRepository(Match).find({
      select: { id: true },
      where: { volunteerId, status: In([...OPEN_MATCH_STATUSES, 'accepted']) },
    });
    const settings = await this.settings.get();
    let released = 0;
    for (const { id } of held) {
      const done = await this.decide(id, async (manager, { match, request }) => {
        const current = await manager.findOneByOrFail(Volunteer, { id: volunteerId });
        if (mayAccept(current)) {
          return { result: false, jobIds: [] }; // active again since
        }
        if (match.status === 'proposed') {
          assertMatchTransition(match.status, 'withdrawn');
          await this.withdrawals.withdraw(manager, [match.id], 'volunteer-inactive');
          if (request.status === 'proposals-ready' && !(await this.hasProposals(manager, request.id))) {
            assertRequestTransition(request.status, 'open');
            await manager.update(HelpRequest, request.id, { status: 'open', statusChangedAt: now });
          }
          return { result: true, jobIds: [] };
        }
        if (match.status === 'approved' || match.status === 'offered') {
          assertMatchTransition(match.status, 'withdrawn');
          await this.withdrawals.withdraw(manager, [match.id], 'volunteer-inactive');
          const staffNotice = await this.notifications.queue(manager, {
            kind: 'staff-offer-withdrawn',
            subjectId: match.id,
            recipient: this.config.STAFF_NOTIFY_EMAIL,
            locale: 'de',
          });
          const next =
            request.status === 'offered' ? await this.moveOn(manager, request, now, settings) : null;
          return { result: true, jobIds: [staffNotice, next] };
        }
        const upcoming = request.schedule.kind === 'weekly' || request.schedule.date >= berlinDateOf(now);
        if (
          match.status !== 'accepted' ||
          current.erasedAt === null ||
          request.status !== 'matched' ||
          !upcoming
        ) {
          return { result: false, jobIds: [] };
        }
        assertMatchTransition(match.status, 'withdrawn');
        await manager.update(Match, match.id, { status: 'withdrawn' });
        const staffNotice = await this.notifications.queue(manager, {
          kind: 'staff-assignment-cancelled',
          subjectId: match.id,
          recipient: this.config.STAFF_NOTIFY_EMAIL,
          locale: 'de',
        });
        await this.audit.record(
          {
            staffUserId: null,
            action: 'help-request.volunteer-left',
            entityType: 'help-request',
            entityId: request.id,
            details: { matchId: match.id },
          },
          manager,
        );
        return { result: true, jobIds: [staffNotice, await this.matchAgain(manager, request, now)] };
      });
      released += done ? 1 : 0;
    }
    if (released > 0) {
      this.logger.log(`released ${released} matches of volunteer ${volunteerId}`);
    }
    return released;
  }

  /**
   * After a decline or an expiry: offer the next proposal at once where the agency allows it,
   * else back to staff with the remaining proposals; with none left, match again (without those
   * already asked). Returns the job to relay, if any.
   */
  private async moveOn(
    manager: EntityManager,
    request: HelpRequest,
    now: Date,
    settings: MatchingSettings,
  ): Promise<string | null> {
    const next = await manager.findOne(Match, {
      where: { requestId: request.id, status: 'proposed' },
      order: { rank: 'ASC' },
    });
    if (this.tooLateToOffer(request, settings, now)) {
      // The cascade stops: nobody could answer in time. Staff take over (Heute, digest).
      return this.escalate(manager, request, next !== null, 'no-time-to-ask', now);
    }
    if (next && settings.autoOffer) {
      const [jobId] = await this.offer(manager, next, request, null, settings, now);
      return jobId;
    }
    if (next) {
      assertRequestTransition(request.status, 'proposals-ready');
      await manager.update(HelpRequest, request.id, { status: 'proposals-ready', statusChangedAt: now });
      return null;
    }
    return this.matchAgain(manager, request, now);
  }

  /** Whether no time is left before the appointment for anyone to answer an offer sent now. */
  private tooLateToOffer(request: HelpRequest, settings: MatchingSettings, now: Date): boolean {
    return (
      offerDeadline({
        sendsAt: now,
        offerResponseHours: settings.offerResponseHours,
        offerLeadHours: settings.offerLeadHours,
        startsAt: appointmentOf(request),
        recurring: request.schedule.kind === 'weekly',
      }).kind === 'too-late'
    );
  }

  /**
   * The request goes back to staff, marked escalated (Heute lists `escalated_at IS NOT NULL`, the
   * digest names it): remaining proposals stay for staff to phone. Audited as the system's action.
   */
  private async escalate(
    manager: EntityManager,
    request: HelpRequest,
    hasProposals: boolean,
    reason: EscalationReason,
    now: Date,
  ): Promise<null> {
    const status = hasProposals ? 'proposals-ready' : 'open';
    assertRequestTransition(request.status, status);
    await manager.update(HelpRequest, request.id, {
      status,
      statusChangedAt: now,
      escalatedAt: now,
      escalationReason: reason,
    });
    await this.audit.record(
      {
        staffUserId: null,
        action: 'help-request.escalated',
        entityType: 'help-request',
        entityId: request.id,
        details: { reason },
      },
      manager,
    );
    this.logger.log(`request ${request.id} escalated: ${reason}`);
    return null;
  }

  /**
   * A new matching round for the request (without the volunteers already asked); the job to relay.
   * Also used when an agreed assignment ends (drop-out), in that decision's transaction.
   */
  async matchAgain(manager: EntityManager, request: HelpRequest, now: Date): Promise<string> {
    const round = request.matchingRound + 1;
    assertRequestTransition(request.status, 'matching');
    await manager.update(HelpRequest, request.id, {
      status: 'matching',
      matchingRound: round,
      statusChangedAt: now,
    });
    const jobId = matchRequestJobId(request.id, round);
    await this.outbox.add(manager, {
      queue: MATCHING_QUEUE,
      jobName: MATCH_REQUEST_JOB,
      jobId,
      payload: { requestId: request.id, round },
    });
    return jobId;
  }

  /** Marks the match approved (by staff, or by the agency's auto-offer when `staffId` is null) and queues the offer email. */
  private async offer(
    manager: EntityManager,
    match: Match,
    request: HelpRequest,
    staffId: string | null,
    settings: Pick<MatchingSettings, 'offerResponseHours' | 'offerLeadHours'>,
    now: Date,
  ): Promise<(string | null)[]> {
    assertMatchTransition(match.status, 'approved');
    assertRequestTransition(request.status, 'offered');
    const volunteer = await manager.findOneByOrFail(Volunteer, { id: match.volunteerId });
    const queued = await this.notifications.queueOffer(manager, volunteer, match.id, now);
    // The time to answer starts when the offer arrives (after quiet hours, or with the digest),
    // and ends the lead time before the appointment at the latest.
    const deadline = offerDeadline({
      sendsAt: queued.sendsAt,
      offerResponseHours: settings.offerResponseHours,
      offerLeadHours: settings.offerLeadHours,
      startsAt: appointmentOf(request),
      recurring: request.schedule.kind === 'weekly',
    });
    const latest = deadline.kind === 'ok' ? deadline.expiresAt : deadline.latestAnswerAt;
    Object.assign(match, {
      status: 'approved',
      decidedByStaffId: staffId,
      decidedAt: now,
      // Quiet hours may push the arrival past the lead time: the answer is still due before it.
      offerExpiresAt: latest > now ? latest : new Date(queued.sendsAt.getTime() + 3600_000),
    });
    await manager.save(match);
    await manager.update(HelpRequest, request.id, { status: 'offered', statusChangedAt: now });
    return queued.jobIds;
  }

  /**
   * Offers only go to active volunteers at a confirmed address (double opt-in), and never beyond the volunteer's weekly
   * cap, counting offers approved but not yet sent (quiet hours, digest) as well.
   */
  private async assertMayBeOffered(
    manager: EntityManager,
    volunteerId: string,
    now: Date,
    capOverridden = false,
  ): Promise<void> {
    const volunteer = await manager.findOneByOrFail(Volunteer, { id: volunteerId });
    // Proposed while active, but paused since (e.g. unsubscribed from the offer emails).
    if (volunteer.status !== 'active') {
      throw new ConflictError(`the volunteer is ${volunteer.status} and gets no offers`);
    }
    if (volunteer.emailConfirmedAt === null) {
      throw new ConflictError('the volunteer has not confirmed their email address yet');
    }
    const [{ offers }] = await manager.query<{ offers: number }[]>(
      `SELECT count(*)::int AS offers FROM match
        WHERE volunteer_id = $1
          AND (offered_at > $2::timestamptz - interval '7 days' OR status = 'approved')`,
      [volunteerId, now],
    );
    if (offers >= volunteer.maxOffersPerWeek && !capOverridden) {
      throw new ConflictError(
        `the volunteer wants at most ${volunteer.maxOffersPerWeek} offers a week and has had ${offers}`,
      );
    }
  }

  /** The reminder the day before and the follow-up after the date, as delayed notifications. */
  private async scheduleReminders(
    manager: EntityManager,
    match: Match,
    request: HelpRequest,
    volunteer: Volunteer,
    now: Date,
  ): Promise<(string | null)[]> {
    const prefs = sendPreferencesOf(volunteer);
    const jobIds: (string | null)[] = [];
    const remindAt = reminderTime(request.schedule, now, prefs);
    if (remindAt) {
      jobIds.push(
        await this.notifications.queueForVolunteer(manager, volunteer, 'volunteer-reminder', match.id, {
          now,
          notBefore: remindAt,
        }),
      );
    }
    const followUpAt = followUpTime(request.schedule, now, prefs);
    if (followUpAt) {
      jobIds.push(
        await this.notifications.queueForVolunteer(manager, volunteer, 'volunteer-follow-up', match.id, {
          now,
          notBefore: followUpAt,
        }),
      );
    }
    return jobIds;
  }

  /**
   * The help-seeker learns who is coming: by email when that is how they want to be reached,
   * otherwise staff get a "call the help-seeker" task (with a printable letter).
   */
  private async tellHelpSeeker(
    manager: EntityManager,
    match: Match,
    request: HelpRequest,
  ): Promise<string | null> {
    if (!request.helpSeekerId) {
      return null;
    }
    const seeker = await manager.findOneByOrFail(HelpSeeker, { id: request.helpSeekerId });
    if (seeker.email && seeker.preferredContact === 'email') {
      return this.notifications.queue(manager, {
        kind: 'help-seeker-confirmation',
        subjectId: match.id,
        recipient: seeker.email,
        locale: isLocale(seeker.preferredLanguage, 'public') ? seeker.preferredLanguage : 'de',
      });
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(CallTask)
      .values({
        reason: 'match-accepted',
        matchId: match.id,
        helpRequestId: request.id,
        helpSeekerId: seeker.id,
      })
      .orIgnore()
      .execute();
    return null;
  }

  private async hasProposals(manager: EntityManager, requestId: string): Promise<boolean> {
    return (await manager.count(Match, { where: { requestId, status: 'proposed' } })) > 0;
  }

  /** Locks the request and the match (in that order, everywhere, so two decisions cannot deadlock). */
  private async decide<T>(
    matchId: string,
    decision: (
      manager: EntityManager,
      locked: LockedMatch,
    ) => Promise<{ result: T; jobIds: (string | null)[] }>,
  ): Promise<T> {
    const { result, jobIds } = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(Match, { id: matchId });
      if (!found) {
        throw new NotFoundError('match', matchId);
      }
      const request = await manager.findOneOrFail(HelpRequest, {
        where: { id: found.requestId },
        lock: { mode: 'pessimistic_write' },
      });
      const match = await manager.findOneOrFail(Match, {
        where: { id: matchId },
        lock: { mode: 'pessimistic_write' },
      });
      return decision(manager, { match, request });
    });
    this.outbox.relaySoon(jobIds);
    return result;
  }
}
