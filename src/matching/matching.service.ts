import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../shared/domain-error';
import { assertRequestTransition } from '../help-seekers/domain/request-status';
import { HelpRequest, MatchingSummary } from '../help-seekers/help-request.entity';
import { MatchingSettingsService } from '../settings/matching-settings.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import {
  checkEligibility,
  explainVolunteer,
  rankCandidates,
  type EligibilityResult,
  proposalRanks,
  type VolunteerExplanation,
} from './domain';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import type { MatchableRequest, RankingContext } from './domain/types';
import {
  findCandidatesForBatch,
  findCandidatesForDiagnosis,
  retrievalLimitsFor,
  loadCandidate,
  MAX_TRAVEL_KM,
  RetrievalRequest,
} from './candidate-retrieval';
import { Match } from './match.entity';
import { Volunteer } from '../volunteers/volunteer.entity';

export type MatchingOutcome = 'proposed' | 'no-eligible-volunteer' | 'skipped';

/** A proposal as the batch INSERT reads it (column names). */
interface ProposalRow {
  request_id: string;
  volunteer_id: string;
  score: number;
  rank: number;
  distance_km: number;
  breakdown: unknown;
}

/** One matching job: the request and the round it was enqueued for. */
export interface MatchingRound {
  requestId: string;
  round: number;
}

/** Request statuses in which a newly fitting volunteer is still worth proposing. */
const RECHECK_STATUSES = ['open', 'proposals-ready'] as const;

@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(
    // DataSource, not repositories: One matching transaction locks requests, reads candidates across volunteers and writes matches and request statuses.
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
    const [outcome] = await this.matchRequests([{ requestId, round }], now);
    return outcome;
  }

  /**
   * Matching rounds for several requests in one transaction: one statement locks them, one
   * retrieves every candidate pool, one stores all proposals and one the new statuses, so the
   * per-request cost is the work itself, not round trips and query planning. Outcomes come back in
   * the order asked.
   */
  async matchRequests(rounds: MatchingRound[], now = new Date()): Promise<MatchingOutcome[]> {
    const ctx = await this.rankingContext(now);
    return this.dataSource.transaction(async (manager) => {
      // Locked in id order, so two batches sharing a request cannot deadlock.
      const locked = await manager
        .createQueryBuilder(HelpRequest, 'request')
        .setLock('pessimistic_write')
        .where('request.id IN (:...ids)', { ids: [...new Set(rounds.map((r) => r.requestId))] })
        .orderBy('request.id')
        .getMany();
      const byId = new Map(locked.map((request) => [request.id, request]));
      const due = rounds
        .map(({ requestId }) => byId.get(requestId) ?? null)
        .filter((request, index): request is HelpRequest => {
          const stillDue = request?.status === 'matching' && request.matchingRound === rounds[index].round;
          if (!stillDue) {
            this.logger.debug(`skip matching ${rounds[index].requestId} round ${rounds[index].round}`);
          }
          return stillDue;
        })
        // The same request twice in one batch (a re-delivered job) is matched once.
        .filter((request, index, all) => all.indexOf(request) === index);
      if (due.length === 0) {
        return rounds.map(() => 'skipped' as const);
      }
      const matchables = await this.matchables(manager, due);
      const retrievals = due.map((request, index) => this.retrievalOf(request, matchables[index]));
      const pools = await findCandidatesForBatch(
        manager,
        retrievals,
        now,
        retrievalLimitsFor(ctx.policy.maxProposals),
      );
      const earlier = await this.proposalCounts(manager, due);
      const proposals: ProposalRow[] = [];
      const updates: { id: string; status: string; summary: MatchingSummary }[] = [];
      const outcomes = new Map<string, MatchingOutcome>();
      for (const [index, request] of due.entries()) {
        let candidates = pools[index];
        let result = rankCandidates(matchables[index], candidates, ctx);
        if (result.ranked.length === 0) {
          candidates = await findCandidatesForDiagnosis(manager, retrievals[index], now);
          result = rankCandidates(matchables[index], candidates, ctx);
        }
        // Earlier rounds' proposals stay; new ones rank after them.
        const before = earlier.get(request.id) ?? { total: 0, proposed: 0 };
        proposals.push(
          ...result.ranked.map((candidate, rank) => ({
            request_id: request.id,
            volunteer_id: candidate.volunteerId,
            score: candidate.score,
            rank: before.total + rank + 1,
            distance_km: Math.round(candidate.distanceKm * 100) / 100,
            breakdown: candidate.breakdown,
          })),
        );
        // Retrieval leaves out volunteers already asked for this request, so every insert is new.
        const status = before.proposed + result.ranked.length > 0 ? 'proposals-ready' : 'open';
        assertRequestTransition(request.status, status);
        updates.push({
          id: request.id,
          status,
          summary: {
            at: now.toISOString(),
            eligible: candidates.length - result.excluded.length,
            proposed: result.ranked.length,
            exclusionCounts: result.exclusionCounts,
          },
        });
        outcomes.set(request.id, result.ranked.length > 0 ? 'proposed' : 'no-eligible-volunteer');
      }
      if (proposals.length > 0) {
        await manager.query(
          `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status)
           SELECT p.request_id, p.volunteer_id, p.score, p.rank, p.distance_km, p.breakdown, 'proposed'
             FROM jsonb_to_recordset($1::jsonb)
               AS p(request_id uuid, volunteer_id uuid, score real, rank int, distance_km real, breakdown jsonb)
           ON CONFLICT (request_id, volunteer_id) DO NOTHING`,
          [JSON.stringify(proposals)],
        );
      }
      // A re-match adds to earlier rounds' proposals: ranks follow the score again (first rounds already do).
      const rematched = due.filter(
        (request) => (earlier.get(request.id)?.total ?? 0) > 0 && outcomes.get(request.id) === 'proposed',
      );
      await this.rerank(
        manager,
        rematched.map((request) => request.id),
      );
      await manager.query(
        `UPDATE help_request h
            SET status = u.status, status_changed_at = $2, matching_summary = u.summary, updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, status text, summary jsonb)
          WHERE h.id = u.id`,
        [JSON.stringify(updates), now.toISOString()],
      );
      // Each outcome once: a request asked for twice in the batch ran once and the repeat is skipped.
      return rounds.map(({ requestId }) => {
        const outcome = outcomes.get(requestId);
        outcomes.delete(requestId);
        return outcome ?? 'skipped';
      });
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
    await this.rerank(manager, [id]);
    if (request.status === 'open') {
      assertRequestTransition(request.status, 'proposals-ready');
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

  /**
   * The engine's eligibility of each given volunteer for the request as it now stands (after an
   * edit), read inside the caller's transaction; a volunteer who is gone is left out.
   */
  async eligibilityOf(
    manager: EntityManager,
    request: HelpRequest,
    volunteerIds: string[],
    now = new Date(),
  ): Promise<Map<string, EligibilityResult>> {
    const verdicts = new Map<string, EligibilityResult>();
    if (volunteerIds.length === 0) {
      return verdicts;
    }
    const ctx = await this.rankingContext(now);
    const matchable = await this.matchable(manager, request);
    for (const volunteerId of volunteerIds) {
      const volunteer = await loadCandidate(manager, request, volunteerId, now);
      if (volunteer) {
        verdicts.set(volunteerId, checkEligibility(matchable, volunteer, ctx));
      }
    }
    return verdicts;
  }

  /** The ranking context (policy, taxonomy) at `now`, for staff checks outside a matching round. */
  rankingContextFor(now: Date): Promise<RankingContext> {
    return this.rankingContext(now);
  }

  /** The engine's view of one request. */
  matchableOf(manager: EntityManager, request: HelpRequest): Promise<MatchableRequest> {
    return this.matchable(manager, request);
  }

  private async rankingContext(now: Date): Promise<RankingContext> {
    const { policy } = await this.settings.get();
    return { now, policy, skills: this.taxonomy.taxonomy.skills };
  }

  private async matchable(manager: EntityManager, request: HelpRequest): Promise<MatchableRequest> {
    const [matchable] = await this.matchables(manager, [request]);
    return matchable;
  }

  /** The engine's view of each request, with the help-seekers' preferred languages in one query. */
  private async matchables(manager: EntityManager, requests: HelpRequest[]): Promise<MatchableRequest[]> {
    const seekerIds = requests.flatMap((request) => (request.helpSeekerId ? [request.helpSeekerId] : []));
    const seekers: { id: string; preferred_language: string | null }[] =
      seekerIds.length > 0
        ? await manager.query('SELECT id, preferred_language FROM help_seeker WHERE id = ANY($1)', [
            seekerIds,
          ])
        : [];
    const preferredLanguage = new Map(seekers.map((seeker) => [seeker.id, seeker.preferred_language]));
    return requests.map((request) => ({
      id: request.id,
      neededSkills: request.neededSkills,
      niceToHaveSkills: request.niceToHaveSkills,
      neededLanguage: request.neededLanguage,
      preferredLanguage: (request.helpSeekerId && preferredLanguage.get(request.helpSeekerId)) || null,
      requiresCertificate: request.requiresCertificate,
      minimumAge: this.taxonomy.minimumAgeOf(request.category),
      location: { lat: request.latitude, lon: request.longitude },
      district: request.district,
      schedule: request.schedule,
    }));
  }

  /** Ranks 1..n of each request's matches again, proposals in score order (see proposalRanks). */
  async rerank(manager: EntityManager, requestIds: string[]): Promise<void> {
    if (requestIds.length === 0) {
      return;
    }
    const rows: {
      id: string;
      request_id: string;
      status: string;
      rank: number;
      score: number;
      distance_km: number;
      volunteer_id: string;
    }[] = await manager.query(
      `SELECT id, request_id, status, rank, score, distance_km, volunteer_id FROM match WHERE request_id = ANY($1)`,
      [requestIds],
    );
    const byRequest = new Map<string, typeof rows>();
    for (const row of rows) {
      byRequest.set(row.request_id, [...(byRequest.get(row.request_id) ?? []), row]);
    }
    const changes = [...byRequest.values()].flatMap((matches) =>
      proposalRanks(
        matches.map((m) => ({
          id: m.id,
          status: m.status,
          rank: m.rank,
          score: m.score,
          distanceKm: m.distance_km,
          volunteerId: m.volunteer_id,
        })),
      ),
    );
    if (changes.length > 0) {
      await manager.query(
        `UPDATE match SET rank = v.rank FROM unnest($1::uuid[], $2::int[]) AS v(id, rank) WHERE match.id = v.id`,
        [changes.map((c) => c.id), changes.map((c) => c.rank)],
      );
    }
  }

  /** Proposals earlier rounds left, per request: new ones rank after them. */
  private async proposalCounts(
    manager: EntityManager,
    requests: HelpRequest[],
  ): Promise<Map<string, { total: number; proposed: number }>> {
    const rows: { request_id: string; total: number; proposed: number }[] = await manager.query(
      `SELECT request_id, count(*)::int AS total, count(*) FILTER (WHERE status = 'proposed')::int AS proposed
         FROM match WHERE request_id = ANY($1) GROUP BY request_id`,
      [requests.map((request) => request.id)],
    );
    return new Map(rows.map((row) => [row.request_id, { total: row.total, proposed: row.proposed }]));
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
