import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { HelpRequest } from '../help-seekers/help-request.entity';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { OutboxService } from '../queue/outbox.service';
import { MATCH_REQUEST_JOB, MATCHING_QUEUE, matchRequestJobId } from '../queue/queues';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { Volunteer } from '../volunteers/volunteer.entity';
import { Match } from './match.entity';
import { OfferAction } from './offer-links';

export type OfferResponseOutcome =
  'accepted' | 'declined' | 'already-answered' | 'no-longer-open' | 'expired';

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Staff approve a proposal: the volunteer gets the offer email. One open offer per request. */
  async approve(matchId: string, staff: AuthenticatedStaff): Promise<Match> {
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
      const volunteer = await manager.findOneByOrFail(Volunteer, { id: match.volunteerId });
      const now = new Date();
      Object.assign(match, {
        status: 'approved',
        decidedByStaffId: staff.id,
        decidedAt: now,
        offerExpiresAt: new Date(now.getTime() + this.config.OFFER_LINK_TTL_HOURS * 3600_000),
      });
      await manager.save(match);
      await manager.update(HelpRequest, request.id, { status: 'offered', statusChangedAt: now });
      await this.audit.record(
        { staffUserId: staff.id, action: 'match.approved', entityType: 'match', entityId: match.id },
        manager,
      );
      const jobId = await this.notifications.queue(manager, {
        kind: 'volunteer-offer',
        subjectId: match.id,
        recipient: volunteer.email,
        locale: volunteer.locale,
      });
      return { result: match, jobIds: [jobId] };
    });
  }

  /** Staff turn a proposal down; when none is left, the request waits for a human again. */
  async reject(matchId: string, staff: AuthenticatedStaff): Promise<Match> {
    return this.decide(matchId, async (manager, { match, request }) => {
      if (match.status !== 'proposed') {
        throw new ConflictError(`the match is ${match.status}, only a proposed match can be rejected`);
      }
      const now = new Date();
      Object.assign(match, { status: 'withdrawn', decidedByStaffId: staff.id, decidedAt: now });
      await manager.save(match);
      await this.audit.record(
        { staffUserId: staff.id, action: 'match.rejected', entityType: 'match', entityId: match.id },
        manager,
      );
      if (request.status === 'proposals-ready' && !(await this.hasProposals(manager, request.id))) {
        await manager.update(HelpRequest, request.id, { status: 'open', statusChangedAt: now });
      }
      return { result: match, jobIds: [] };
    });
  }

  /** The volunteer's answer from the offer email. Every outcome is an answer for a page, not an error. */
  async respond(matchId: string, action: OfferAction, now = new Date()): Promise<OfferResponseOutcome> {
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
      const volunteer = await manager.findOneByOrFail(Volunteer, { id: match.volunteerId });
      Object.assign(match, { status: action === 'accept' ? 'accepted' : 'declined', respondedAt: now });
      await manager.save(match);
      const staffNotice = await this.notifications.queue(manager, {
        kind: action === 'accept' ? 'staff-offer-accepted' : 'staff-offer-declined',
        subjectId: match.id,
        recipient: this.config.STAFF_NOTIFY_EMAIL,
        locale: 'de',
      });
      if (action === 'accept') {
        await manager.update(HelpRequest, request.id, {
          status: 'matched',
          matchedAt: now,
          statusChangedAt: now,
        });
        // The other proposals were never offered; they are closed so the volunteers stay free.
        await manager.update(Match, { requestId: request.id, status: 'proposed' }, { status: 'withdrawn' });
        const confirmation = await this.notifications.queue(manager, {
          kind: 'volunteer-confirmation',
          subjectId: match.id,
          recipient: volunteer.email,
          locale: volunteer.locale,
        });
        return { result: 'accepted' as const, jobIds: [staffNotice, confirmation] };
      }
      const rematchJob = await this.returnToProposals(manager, request, now);
      return { result: 'declined' as const, jobIds: [staffNotice, rematchJob] };
    });
  }

  /** After a decline: back to the remaining proposals, or match again (without those already asked). */
  private async returnToProposals(
    manager: EntityManager,
    request: HelpRequest,
    now: Date,
  ): Promise<string | null> {
    if (await this.hasProposals(manager, request.id)) {
      await manager.update(HelpRequest, request.id, { status: 'proposals-ready', statusChangedAt: now });
      return null;
    }
    const round = request.matchingRound + 1;
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
