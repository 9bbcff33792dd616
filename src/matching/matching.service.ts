import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { HelpRequest, MatchingSummary } from '../help-seekers/help-request.entity';
import { MatchingSettingsService } from '../settings/matching-settings.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { explainVolunteer, rankCandidates, type VolunteerExplanation } from './domain';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import type { MatchableRequest, RankingContext } from './domain/types';
import {
  findCandidates,
  findCandidatesForDiagnosis,
  loadCandidate,
  MAX_TRAVEL_KM,
  RetrievalRequest,
} from './candidate-retrieval';
import { Match } from './match.entity';
import { Volunteer } from '../volunteers/volunteer.entity';

export type MatchingOutcome = 'proposed' | 'no-eligible-volunteer' | 'skipped';

/** Request statuses in which a newly fitting volunteer is still worth proposing. */
const RECHECK_STATUSES = ['open', 'proposals-ready'] as const;

@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: MatchingSettingsService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Runs one matching round: retrieve → rank (pure) → store proposals, in one transaction with the
   * request locked. Safe to run twice: a round that already ran, or a stale one, is skipped.
   */
  async matchRequest(requestId: string, round: number, now = new Date()): Promise<MatchingOutcome> {
    const ctx = await this.rankingContext(now);
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(HelpRequest, {
        where: { id: requestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request || request.status !== 'matching' || request.matchingRound !== round) {
        this.logger.debug(`skip matching ${requestId} round ${round}: ${request?.status ?? 'missing'}`);
        return 'skipped';
      }
      const matchable = await this.matchable(manager, request);
      const retrieval = this.retrievalOf(request, matchable);
      let candidates = await findCandidates(manager, retrieval, now);
      let result = rankCandidates(matchable, candidates, ctx);
      if (result.ranked.length === 0) {
        candidates = await findCandidatesForDiagnosis(manager, retrieval, now);
        result = rankCandidates(matchable, candidates, ctx);
      }
      // Earlier rounds' proposals stay; new ones rank after them.
      const [before] = await manager.query<{ total: number; proposed: number }[]>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'proposed')::int AS proposed
           FROM match WHERE request_id = $1`,
        [request.id],
      );
      if (result.ranked.length > 0) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(Match)
          .values(
            result.ranked.map((candidate, index) => ({
              requestId: request.id,
              volunteerId: candidate.volunteerId,
              score: candidate.score,
              rank: before.total + index + 1,
              distanceKm: Math.round(candidate.distanceKm * 100) / 100,
              breakdown: candidate.breakdown,
              status: 'proposed' as const,
            })),
          )
          .orIgnore()
          .execute();
      }
      const summary: MatchingSummary = {
        at: now.toISOString(),
        eligible: candidates.length - result.excluded.length,
        proposed: result.ranked.length,
        exclusionCounts: result.exclusionCounts,
      };
      // Retrieval leaves out volunteers already asked for this request, so every insert is new.
      const hasProposals = before.proposed + result.ranked.length > 0;
      await manager.update(HelpRequest, request.id, {
        status: hasProposals ? 'proposals-ready' : 'open',
        statusChangedAt: now,
        matchingSummary: summary,
      });
      return result.ranked.length > 0 ? 'proposed' : 'no-eligible-volunteer';
    });
  }

  /**
   * A volunteer became available (new, reactivated, or changed availability or radius): propose
   * them for the open requests they now fit, without disturbing proposals staff already see.
   */
  async recheckForVolunteer(volunteerId: string, now = new Date()): Promise<number> {
    const ctx = await this.rankingContext(now);
    const nearby: { id: string }[] = await this.dataSource.query(
      `SELECT r.id FROM help_request r, volunteer v
        WHERE v.id = $1 AND v.status = 'active' AND r.status = ANY($2)
          AND earth_box(v.location, $3) @> ll_to_earth(r.latitude, r.longitude)
          AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = r.id AND m.volunteer_id = v.id)
        ORDER BY r.created_at`,
      [volunteerId, RECHECK_STATUSES, MAX_TRAVEL_KM * 1000],
    );
    let proposed = 0;
    for (const { id } of nearby) {
      const added = await this.dataSource.transaction(async (manager) =>
        this.proposeIfEligible(manager, id, volunteerId, ctx, now),
      );
      proposed += added?.eligible ? 1 : 0;
    }
    return proposed;
  }

  /**
   * Staff pick someone the ranking did not propose: they become a proposal (scored like any other)
   * if the hard rules allow it; otherwise the rule that excludes them is the answer.
   */
  async proposeVolunteer(
    requestId: string,
    volunteerId: string,
    staff: AuthenticatedStaff,
    now = new Date(),
  ): Promise<VolunteerExplanation> {
    const ctx = await this.rankingContext(now);
    if (!(await this.dataSource.getRepository(Volunteer).existsBy({ id: volunteerId }))) {
      throw new NotFoundError('volunteer', volunteerId);
    }
    return this.dataSource.transaction(async (manager) => {
      const verdict = await this.proposeIfEligible(manager, requestId, volunteerId, ctx, now);
      if (!verdict) {
        throw new ConflictError('only an open request or one with proposals takes another proposal');
      }
      if (verdict.eligible) {
        await this.audit.record(
          {
            staffUserId: staff.id,
            action: 'match.proposed-by-staff',
            entityType: 'help-request',
            entityId: requestId,
            details: { volunteerId },
          },
          manager,
        );
      }
      return verdict;
    });
  }

  /**
   * Under the request's row lock: adds the volunteer as a proposal when eligible. Null when the
   * request (or the volunteer) is gone, or the request is in a state that takes no new proposals.
   */
  private async proposeIfEligible(
    manager: EntityManager,
    id: string,
    volunteerId: string,
    ctx: RankingContext,
    now: Date,
  ): Promise<VolunteerExplanation | null> {
    const request = await manager.findOne(HelpRequest, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!request || !(RECHECK_STATUSES as readonly string[]).includes(request.status)) {
      return null;
    }
    const volunteer = await loadCandidate(manager, request, volunteerId, now);
    if (!volunteer) {
      return null;
    }
    const verdict = explainVolunteer(await this.matchable(manager, request), volunteer, ctx);
    if (!verdict.eligible) {
      return verdict;
    }
    const rank = (await manager.count(Match, { where: { requestId: id } })) + 1;
    await manager
      .createQueryBuilder()
      .insert()
      .into(Match)
      .values({
        requestId: id,
        volunteerId,
        score: verdict.candidate.score,
        rank,
        distanceKm: Math.round(verdict.candidate.distanceKm * 100) / 100,
        breakdown: verdict.candidate.breakdown,
        status: 'proposed',
      })
      .orIgnore()
      .execute();
    if (request.status === 'open') {
      await manager.update(HelpRequest, id, { status: 'proposals-ready', statusChangedAt: now });
    }
    return verdict;
  }

  /** Staff ask "why was this volunteer not proposed?": the rule, or the score they would get. */
  async explain(requestId: string, volunteerId: string, now = new Date()) {
    const manager = this.dataSource.manager;
    const request = await manager.findOneBy(HelpRequest, { id: requestId });
    if (!request) {
      throw new NotFoundError('help request', requestId);
    }
    const volunteer = await loadCandidate(manager, request, volunteerId, now);
    if (!volunteer) {
      throw new NotFoundError('volunteer', volunteerId);
    }
    return explainVolunteer(
      await this.matchable(manager, request),
      volunteer,
      await this.rankingContext(now),
    );
  }

  private async rankingContext(now: Date): Promise<RankingContext> {
    const { policy } = await this.settings.get();
    return { now, policy, skills: this.taxonomy.taxonomy.skills };
  }

  private async matchable(manager: EntityManager, request: HelpRequest): Promise<MatchableRequest> {
    const seeker = request.helpSeekerId
      ? await manager.query<{ preferred_language: string }[]>(
          'SELECT preferred_language FROM help_seeker WHERE id = $1',
          [request.helpSeekerId],
        )
      : [];
    return {
      id: request.id,
      neededSkills: request.neededSkills,
      niceToHaveSkills: request.niceToHaveSkills,
      neededLanguage: request.neededLanguage,
      preferredLanguage: seeker[0]?.preferred_language ?? null,
      requiresCertificate: request.requiresCertificate,
      minimumAge: this.taxonomy.minimumAgeOf(request.category),
      location: { lat: request.latitude, lon: request.longitude },
      district: request.district,
      schedule: request.schedule,
    };
  }

  private retrievalOf(request: HelpRequest, matchable: MatchableRequest): RetrievalRequest {
    return {
      id: request.id,
      latitude: request.latitude,
      longitude: request.longitude,
      helpSeekerId: request.helpSeekerId,
      neededLanguage: request.neededLanguage,
      relatedSkills: this.taxonomy.relatedSkills([...matchable.neededSkills, ...matchable.niceToHaveSkills]),
      schedule: request.schedule,
    };
  }
}
