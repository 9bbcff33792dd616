import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencySetting } from '../settings/agency-setting.entity';
import { AuditService } from '../staff/audit.service';
import { OPEN_ASSIGNMENT_SQL } from './match.entity';
import {
  assignGlobally,
  compareAssignments,
  type AssignmentComparison,
  type AssignmentProblem,
} from './domain/global-assignment';
import { assignGreedily } from './domain/greedy-assignment';

export const LAST_ASSIGNMENT_RUN_KEY = 'assignment-run:last';
/** One optimisation at a time across all workers; a second one would only redo the same work. */
export const OPTIMISE_LOCK = 7_465_002;

export interface AssignmentRunSummary {
  at: string;
  requestedByStaffId: string | null;
  requests: number;
  volunteers: number;
  /** Requests whose first proposal changed, so staff see a different volunteer on top. */
  topPicksChanged: number;
  comparison: AssignmentComparison;
  skipped?: 'another run is in progress';
}

interface ProposalRow {
  id: string;
  request_id: string;
  volunteer_id: string;
  score: number;
  rank: number;
}

/**
 * Re-optimises the open, not yet offered proposals of all requests together: as many requests as
 * possible get a volunteer who can still take it, then the highest total score, within every
 * volunteer's capacity. The result becomes each request's first proposal; nothing is offered here.
 */
@Injectable()
export class GlobalAssignmentService {
  private readonly logger = new Logger(GlobalAssignmentService.name);

  constructor(
    // DataSource, not repositories: Re-optimisation rewrites open proposals across requests in one transaction and keeps its summary as an agency setting.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async optimise(requestedByStaffId: string | null, now = new Date()): Promise<AssignmentRunSummary> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [OPTIMISE_LOCK],
      );
      const proposals: ProposalRow[] = locked
        ? await manager.query(
            `SELECT m.id, m.request_id, m.volunteer_id, m.score, m.rank
               FROM match m JOIN help_request r ON r.id = m.request_id
              WHERE m.status = 'proposed' AND r.status = 'proposals-ready'
              ORDER BY r.created_at, r.id, m.rank
              FOR UPDATE OF m`,
          )
        : [];
      const capacity = await this.remainingCapacity(manager, [
        ...new Set(proposals.map((p) => p.volunteer_id)),
      ]);
      const problem = toProblem(proposals, capacity);
      const optimised = assignGlobally(problem);
      const greedy = assignGreedily(problem);
      const reranked = rerank(proposals, optimised.assignment);
      if (reranked.length > 0) {
        await manager.query(
          `UPDATE match SET rank = v.rank FROM unnest($1::uuid[], $2::int[]) AS v(id, rank)
            WHERE match.id = v.id AND match.status = 'proposed'`,
          [reranked.map((r) => r.id), reranked.map((r) => r.rank)],
        );
      }
      const summary: AssignmentRunSummary = {
        at: now.toISOString(),
        requestedByStaffId,
        requests: problem.requests.length,
        volunteers: Object.keys(capacity).length,
        topPicksChanged: countTopPickChanges(proposals, optimised.assignment),
        comparison: compareAssignments(optimised, greedy, problem.requests.length),
        ...(locked ? {} : { skipped: 'another run is in progress' as const }),
      };
      if (locked) {
        await manager.upsert(
          AgencySetting,
          { key: LAST_ASSIGNMENT_RUN_KEY, value: summary, updatedByStaffId: requestedByStaffId },
          ['key'],
        );
      }
      if (requestedByStaffId) {
        await this.audit.record(
          {
            staffUserId: requestedByStaffId,
            action: 'matching.optimised',
            entityType: 'agency-setting',
            entityId: LAST_ASSIGNMENT_RUN_KEY,
          },
          manager,
        );
      }
      this.logger.log(
        `global assignment: ${summary.requests} requests, coverage ${summary.comparison.coverage.optimised.toFixed(3)} ` +
          `(greedy ${summary.comparison.coverage.greedy.toFixed(3)}), ${summary.topPicksChanged} top picks changed`,
      );
      return summary;
    });
  }

  async lastRun(): Promise<AssignmentRunSummary | null> {
    const row = await this.dataSource
      .getRepository(AgencySetting)
      .findOneBy({ key: LAST_ASSIGNMENT_RUN_KEY });
    return (row?.value as AssignmentRunSummary | undefined) ?? null;
  }

  /** How many more assignments each volunteer can take now (capacity minus open assignments). */
  private async remainingCapacity(
    manager: { query: DataSource['query'] },
    volunteerIds: string[],
  ): Promise<Record<string, number>> {
    if (volunteerIds.length === 0) {
      return {};
    }
    const rows: { id: string; remaining: number }[] = await manager.query(
      `SELECT v.id, greatest(v.max_open_assignments - count(m.id) FILTER (WHERE ${OPEN_ASSIGNMENT_SQL}), 0)::int AS remaining
         FROM volunteer v
         LEFT JOIN match m ON m.volunteer_id = v.id
         LEFT JOIN help_request r ON r.id = m.request_id
        WHERE v.id = ANY($1)
        GROUP BY v.id`,
      [volunteerIds],
    );
    return Object.fromEntries(rows.map((row) => [row.id, row.remaining]));
  }
}

function toProblem(proposals: ProposalRow[], capacity: Record<string, number>): AssignmentProblem {
  const byRequest = new Map<string, { volunteerId: string; score: number }[]>();
  for (const proposal of proposals) {
    const candidates = byRequest.get(proposal.request_id) ?? [];
    candidates.push({ volunteerId: proposal.volunteer_id, score: proposal.score });
    byRequest.set(proposal.request_id, candidates);
  }
  return { requests: [...byRequest].map(([id, candidates]) => ({ id, candidates })), capacity };
}

/** The assigned volunteer first, then the other proposals by their previous order. */
function rerank(proposals: ProposalRow[], assignment: Map<string, string>): { id: string; rank: number }[] {
  const byRequest = new Map<string, ProposalRow[]>();
  for (const proposal of proposals) {
    byRequest.set(proposal.request_id, [...(byRequest.get(proposal.request_id) ?? []), proposal]);
  }
  const updates: { id: string; rank: number }[] = [];
  for (const [requestId, rows] of byRequest) {
    const assigned = assignment.get(requestId);
    const ordered = [...rows].sort(
      (a, b) => Number(b.volunteer_id === assigned) - Number(a.volunteer_id === assigned) || a.rank - b.rank,
    );
    const firstRank = Math.min(...rows.map((row) => row.rank));
    ordered.forEach((row, index) => {
      if (row.rank !== firstRank + index) {
        updates.push({ id: row.id, rank: firstRank + index });
      }
    });
  }
  return updates;
}

function countTopPickChanges(proposals: ProposalRow[], assignment: Map<string, string>): number {
  const top = new Map<string, ProposalRow>();
  for (const proposal of proposals) {
    const current = top.get(proposal.request_id);
    if (!current || proposal.rank < current.rank) {
      top.set(proposal.request_id, proposal);
    }
  }
  return [...assignment].filter(
    ([requestId, volunteerId]) => top.get(requestId)?.volunteer_id !== volunteerId,
  ).length;
}
