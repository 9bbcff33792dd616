import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../shared/domain-error';
import { assertRequestTransition } from '../help-seekers/domain/request-status';
import { HelpRequest } from '../help-seekers/help-request.entity';
import { HelpSeeker } from '../help-seekers/help-seeker.entity';
import { OutboxService } from '../queue/outbox.service';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { Volunteer } from '../volunteers/volunteer.entity';
import { loadCandidate } from './candidate-retrieval';
import { overrideVerdict, type OverrideVerdict } from './domain';
import type { OverrideProposalDto } from './dto/engine.dto';
import { MatchDecisionsService } from './match-decisions.service';
import { Match, type AttendanceProblem } from './match.entity';
import { MatchingService } from './matching.service';
import { VolunteerBlock } from './volunteer-block.entity';

/** Request statuses that take a proposal (or a placement agreed by phone). */
const PROPOSABLE = ['open', 'proposals-ready'];

/** What an override would take, flattened for the API and the console. */
export interface OverrideCheck {
  kind: OverrideVerdict['kind'];
  overridden: { reason: string; explanation: { de: string; en: string } }[];
  refusal: {
    reason: string;
    overrideClass: 'firm' | 'safeguarding';
    explanation: { de: string; en: string };
  } | null;
  score: number | null;
}

/**
 * Staff decisions beyond the engine's proposals: overriding soft rules with a reason (never a
 * safeguarding rule), recording a placement agreed by phone, no-shows and late cancellations, and
 * the blocks of a help-seeker. Every change is audited with before and after.
 */
@Injectable()
export class StaffOverridesService {
  constructor(
    // DataSource, not repositories: an override locks the request and writes the match, its audit and the acceptance in one transaction.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matching: MatchingService,
    private readonly decisions: MatchDecisionsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** What proposing this volunteer would take: nothing, an override of soft rules, or no way at all. */
  async check(requestId: string, volunteerId: string, now = new Date()): Promise<OverrideCheck> {
    const manager = this.dataSource.manager;
    const request = await manager.findOneBy(HelpRequest, { id: requestId });
    if (!request) {
      throw new NotFoundError('help request', requestId);
    }
    const volunteer = await loadCandidate(manager, request, volunteerId, now);
    if (!volunteer) {
      throw new NotFoundError('volunteer', volunteerId);
    }
    const ctx = await this.matching.rankingContextFor(now);
    return flatten(overrideVerdict(await this.matching.matchableOf(manager, request), volunteer, ctx));
  }

  /**
   * Proposes a volunteer, stepping over the soft rules that exclude them, with the staff's reason
   * stored on the match and audited; a firm or safeguarding rule refuses (409, saying which and why).
   * With `agreedByPhone` the match is accepted on the volunteer's behalf at once (emails as usual).
   */
  async propose(
    requestId: string,
    dto: OverrideProposalDto,
    staff: AuthenticatedStaff,
    now = new Date(),
  ): Promise<Match> {
    if (!(await this.dataSource.getRepository(Volunteer).existsBy({ id: dto.volunteerId }))) {
      throw new NotFoundError('volunteer', dto.volunteerId);
    }
    const ctx = await this.matching.rankingContextFor(now);
    const { match, jobIds } = await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(HelpRequest, {
        where: { id: requestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) {
        throw new NotFoundError('help request', requestId);
      }
      if (!PROPOSABLE.includes(request.status)) {
        throw new ConflictError(
          `a ${request.status} request takes no proposal: only open requests or ones with proposals`,
        );
      }
      const candidate = await loadCandidate(manager, request, dto.volunteerId, now);
      if (!candidate) {
        throw new NotFoundError('volunteer', dto.volunteerId);
      }
      const verdict = overrideVerdict(await this.matching.matchableOf(manager, request), candidate, ctx);
      if (verdict.kind === 'refused') {
        const { refusal } = verdict;
        throw new ConflictError(
          refusal.overrideClass === 'safeguarding'
            ? `safeguarding rule ${refusal.reason} can never be overridden: ${refusal.explanation.en}`
            : `rule ${refusal.reason} cannot be overridden: ${refusal.explanation.en}`,
        );
      }
      const rules = verdict.kind === 'overridable' ? verdict.overridden.map((o) => o.reason) : [];
      const existing = await manager.findOne(Match, {
        where: { requestId, volunteerId: dto.volunteerId },
        lock: { mode: 'pessimistic_write' },
      });
      const fields = {
        score: verdict.candidate.score,
        distanceKm: Math.round(verdict.candidate.distanceKm * 100) / 100,
        breakdown: verdict.candidate.breakdown,
        // Only an override is stored on the match; the reason of any staff proposal is in the audit.
        overrideReason: rules.length > 0 ? dto.reason : null,
        overriddenRules: rules.length > 0 ? rules : null,
        overriddenByStaffId: rules.length > 0 ? staff.id : null,
      };
      let saved: Match;
      if (existing) {
        if (existing.status !== 'proposed') {
          throw new ConflictError(`the volunteer's match for this request is ${existing.status}`);
        }
        Object.assign(existing, fields);
        saved = await manager.save(existing);
      } else {
        const rank = (await manager.count(Match, { where: { requestId } })) + 1;
        saved = await manager.save(
          manager.create(Match, {
            requestId,
            volunteerId: dto.volunteerId,
            rank,
            status: 'proposed',
            ...fields,
          }),
        );
      }
      await this.matching.rerank(manager, [requestId]);
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: rules.length > 0 ? 'match.overridden' : 'match.proposed-by-staff',
          entityType: 'help-request',
          entityId: requestId,
          details: {
            matchId: saved.id,
            volunteerId: dto.volunteerId,
            overriddenRules: rules,
            reason: dto.reason,
          },
        },
        manager,
      );
      if (request.status === 'open') {
        assertRequestTransition(request.status, 'proposals-ready');
        await manager.update(HelpRequest, requestId, { status: 'proposals-ready', statusChangedAt: now });
        request.status = 'proposals-ready';
      }
      const accepted = dto.agreedByPhone
        ? await this.decisions.acceptOnBehalfIn(manager, saved, request, staff, now)
        : [];
      return { match: await manager.findOneByOrFail(Match, { id: saved.id }), jobIds: accepted };
    });
    this.outbox.relaySoon(jobIds);
    return match;
  }

  /**
   * A no-show or a late cancellation on an accepted assignment (also after the volunteer's
   * follow-up answer "did not happen", once staff confirm it was the volunteer's). Feeds the
   * reliability part of the score; a correction overwrites, with before and after in the audit.
   */
  async recordAttendance(
    matchId: string,
    attendance: AttendanceProblem,
    staff: AuthenticatedStaff,
    now = new Date(),
  ): Promise<Match> {
    return this.dataSource.transaction(async (manager) => {
      const match = await manager.findOne(Match, {
        where: { id: matchId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!match) {
        throw new NotFoundError('match', matchId);
      }
      if (match.status !== 'accepted') {
        throw new ConflictError(
          `the match is ${match.status}: only an accepted assignment can have a no-show or a late cancellation`,
        );
      }
      const before = match.attendance;
      await manager.update(Match, matchId, { attendance, attendanceRecordedAt: now });
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'match.attendance-recorded',
          entityType: 'match',
          entityId: matchId,
          details: { before: { attendance: before }, after: { attendance }, requestId: match.requestId },
        },
        manager,
      );
      return manager.findOneByOrFail(Match, { id: matchId });
    });
  }

  /** The blocks of a help-seeker, newest first, with the volunteer's name and who recorded it. */
  async blocks(helpSeekerId: string) {
    if (!(await this.dataSource.getRepository(HelpSeeker).existsBy({ id: helpSeekerId }))) {
      throw new NotFoundError('help-seeker', helpSeekerId);
    }
    return this.dataSource.query<
      {
        volunteerId: string;
        volunteerName: string;
        reason: string | null;
        createdBy: string | null;
        createdAt: Date;
      }[]
    >(
      `SELECT b.volunteer_id AS "volunteerId", v.name AS "volunteerName", b.reason,
              s.name AS "createdBy", b.created_at AS "createdAt"
         FROM volunteer_block b JOIN volunteer v ON v.id = b.volunteer_id
         LEFT JOIN staff_user s ON s.id = b.created_by_staff_id
        WHERE b.help_seeker_id = $1 ORDER BY b.created_at DESC`,
      [helpSeekerId],
    );
  }

  /** Lifts a block (e.g. recorded by mistake): the volunteer may be proposed again. Audited with what was removed. */
  async removeBlock(helpSeekerId: string, volunteerId: string, staff: AuthenticatedStaff) {
    return this.dataSource.transaction(async (manager) => {
      const block = await manager.findOne(VolunteerBlock, {
        where: { helpSeekerId, volunteerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!block) {
        throw new NotFoundError('block', `${helpSeekerId}/${volunteerId}`);
      }
      await manager.delete(VolunteerBlock, { helpSeekerId, volunteerId });
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'volunteer.unblocked',
          entityType: 'help-seeker',
          entityId: helpSeekerId,
          details: {
            volunteerId,
            before: {
              reason: block.reason,
              createdByStaffId: block.createdByStaffId,
              createdAt: block.createdAt.toISOString(),
            },
            after: null,
          },
        },
        manager,
      );
      return { helpSeekerId, volunteerId, removed: true as const };
    });
  }
}

function flatten(verdict: OverrideVerdict): OverrideCheck {
  switch (verdict.kind) {
    case 'eligible':
      return { kind: 'eligible', overridden: [], refusal: null, score: verdict.candidate.score };
    case 'overridable':
      return {
        kind: 'overridable',
        overridden: verdict.overridden,
        refusal: null,
        score: verdict.candidate.score,
      };
    case 'refused':
      return { kind: 'refused', overridden: verdict.overridden, refusal: verdict.refusal, score: null };
  }
}
