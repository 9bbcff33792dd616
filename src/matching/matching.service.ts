import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HelpRequest, MatchingSummary } from '../help-seekers/help-request.entity';
import { DEFAULT_MATCHING_POLICY, rankCandidates } from './domain';
import { findCandidates } from './candidate-retrieval';
import { Match } from './match.entity';

export type MatchingOutcome = 'proposed' | 'no-eligible-volunteer' | 'skipped';

@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs one matching round: retrieve → rank (pure) → store proposals, in one transaction with the
   * request locked. Safe to run twice: a round that already ran, or a stale one, is skipped.
   */
  async matchRequest(requestId: string, round: number, now = new Date()): Promise<MatchingOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(HelpRequest, {
        where: { id: requestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request || request.status !== 'matching' || request.matchingRound !== round) {
        this.logger.debug(`skip matching ${requestId} round ${round}: ${request?.status ?? 'missing'}`);
        return 'skipped';
      }
      const candidates = await findCandidates(manager, request);
      const result = rankCandidates(
        {
          id: request.id,
          neededSkills: request.neededSkills,
          neededLanguage: request.neededLanguage,
          requiresCertificate: request.requiresCertificate,
          location: { lat: request.latitude, lon: request.longitude },
          district: request.district,
          schedule: request.schedule,
        },
        candidates,
        { now, policy: DEFAULT_MATCHING_POLICY },
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
              rank: index + 1,
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
      const hasProposals =
        (await manager.count(Match, { where: { requestId: request.id, status: 'proposed' } })) > 0;
      await manager.update(HelpRequest, request.id, {
        status: hasProposals ? 'proposals-ready' : 'open',
        statusChangedAt: now,
        matchingSummary: summary,
      });
      return result.ranked.length > 0 ? 'proposed' : 'no-eligible-volunteer';
    });
  }
}
