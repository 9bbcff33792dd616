import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError, DomainError, NotFoundError } from '../shared/domain-error';
import { summariseExclusions } from './domain';
import { assertRequestTransition } from '../help-seekers/domain/request-status';
import { HelpRequest, type HelpRequestStatus } from '../help-seekers/help-request.entity';
import { HelpSeeker } from '../help-seekers/help-seeker.entity';
import { JobQueues } from '../queue/job-queues.service';
import { OutboxService } from '../queue/outbox.service';
import {
  MATCH_REQUEST_JOB,
  MATCHING_QUEUE,
  matchRequestJobId,
  OPTIMISE_ASSIGNMENTS_JOB,
} from '../queue/job-contracts';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { Volunteer } from '../volunteers/volunteer.entity';
import { BlockVolunteerDto, BulkRequestActionDto, CloseRequestDto } from './dto/matching-actions.dto';
import { RequestClosingService } from './request-closing.service';
import { OPTIMISE_LOCK } from './global-assignment.service';
import { Match } from './match.entity';
import { VolunteerBlock } from './volunteer-block.entity';

/** What a bulk action did with one request: done (its new status) or refused (why). */
export type BulkItemResult =
  | { id: string; result: 'done'; status: HelpRequestStatus }
  | { id: string; result: 'refused'; code: string; why: string };

/** Staff actions around matching that are not decisions on a single match. */
@Injectable()
export class StaffMatchingService {
  constructor(
    // DataSource, not repositories: Staff actions change matches and their request in one transaction; the request detail reads across features.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly queues: JobQueues,
    private readonly closing: RequestClosingService,
  ) {}

  /** "Not this volunteer again" for this help-seeker: also withdraws open proposals of the pair. */
  async block(
    helpSeekerId: string,
    dto: BlockVolunteerDto,
    staff: AuthenticatedStaff,
  ): Promise<VolunteerBlock> {
    const [seeker, volunteer] = await Promise.all([
      this.dataSource.getRepository(HelpSeeker).findOneBy({ id: helpSeekerId }),
      this.dataSource.getRepository(Volunteer).findOneBy({ id: dto.volunteerId }),
    ]);
    if (!seeker) {
      throw new NotFoundError('help-seeker', helpSeekerId);
    }
    if (!volunteer) {
      throw new NotFoundError('volunteer', dto.volunteerId);
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.upsert(
        VolunteerBlock,
        {
          helpSeekerId,
          volunteerId: dto.volunteerId,
          reason: dto.reason ?? null,
          createdByStaffId: staff.id,
        },
        ['helpSeekerId', 'volunteerId'],
      );
      await manager.query(
        `UPDATE match SET status = 'withdrawn', updated_at = now()
          WHERE volunteer_id = $1 AND status = 'proposed'
            AND request_id IN (SELECT id FROM help_request WHERE help_seeker_id = $2)`,
        [dto.volunteerId, helpSeekerId],
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'volunteer.blocked',
          entityType: 'help-seeker',
          entityId: helpSeekerId,
          details: { volunteerId: dto.volunteerId },
        },
        manager,
      );
      return manager.findOneByOrFail(VolunteerBlock, { helpSeekerId, volunteerId: dto.volunteerId });
    });
  }

  /**
   * One request with the help-seeker's contact and the ranked proposals (the staff view of a
   * request's matching, so it lives here, above help-seekers); the read is audited.
   */
  async requestDetail(id: string, staff: AuthenticatedStaff) {
    const request = await this.dataSource
      .getRepository(HelpRequest)
      .findOne({ where: { id }, relations: { helpSeeker: true, provider: true } });
    if (!request) {
      throw new NotFoundError('help request', id);
    }
    const matches = await this.dataSource.getRepository(Match).find({
      where: { requestId: id },
      relations: { volunteer: true },
      order: { rank: 'ASC' },
    });
    await this.audit.record({
      staffUserId: staff.id,
      action: 'help-request.viewed',
      entityType: 'help-request',
      entityId: id,
    });
    const { helpSeeker, provider, ...fields } = request;
    return {
      ...fields,
      // "2 × spricht die benötigte Sprache nicht": what to relax when nobody fits.
      exclusionSummary: request.matchingSummary ? summariseExclusions(request.matchingSummary) : [],
      helpSeeker: helpSeeker ?? null,
      provider: provider
        ? { id: provider.id, name: provider.name, contactPerson: provider.contactPerson }
        : null,
      matches: matches.map(({ volunteer, ...match }) => ({
        ...match,
        volunteer: volunteer
          ? { id: volunteer.id, name: volunteer.name, district: volunteer.district }
          : null,
      })),
    };
  }

  /**
   * Closes a request with its outcome (RequestClosingService): open proposals and offers are
   * withdrawn, volunteers who were sent an offer are told; a done request that went well feeds
   * continuity ("helped this person before").
   */
  close(requestId: string, dto: CloseRequestDto, staff: AuthenticatedStaff): Promise<HelpRequest> {
    return this.closing.close(requestId, dto, staff.id);
  }

  /**
   * Release or close several requests, each on its own (one transaction per request, so none is
   * half-done); what happened to each id comes back, a refusal with its reason.
   */
  async bulk(dto: BulkRequestActionDto, staff: AuthenticatedStaff): Promise<BulkItemResult[]> {
    const results: BulkItemResult[] = [];
    for (const id of [...new Set(dto.ids)]) {
      try {
        if (dto.action === 'release') {
          const released = await this.release(id, staff);
          results.push({ id, result: 'done', status: released.status });
        } else {
          const closed = await this.closing.close(id, dto.close as CloseRequestDto, staff.id);
          results.push({ id, result: 'done', status: closed.status });
        }
      } catch (error) {
        if (!(error instanceof DomainError)) {
          throw error;
        }
        results.push({ id, result: 'refused', code: error.code, why: error.message });
      }
    }
    return results;
  }

  /** Match again now, e.g. after the agency changed its weights: the current proposals stay. */
  rematch(requestId: string, staff: AuthenticatedStaff): Promise<{ id: string; status: 'matching' }> {
    return this.startMatching(requestId, staff, ['open', 'proposals-ready'], 'help-request.rematched');
  }

  /** Staff have reviewed a request from the public pages (and maybe called back): match it now. */
  release(requestId: string, staff: AuthenticatedStaff): Promise<{ id: string; status: 'matching' }> {
    return this.startMatching(requestId, staff, ['in-review'], 'help-request.released');
  }

  private async startMatching(
    requestId: string,
    staff: AuthenticatedStaff,
    allowedFrom: HelpRequestStatus[],
    action: string,
  ): Promise<{ id: string; status: 'matching' }> {
    const jobId = await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(HelpRequest, {
        where: { id: requestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) {
        throw new NotFoundError('help request', requestId);
      }
      // The table allows more (e.g. rematching a request under review); each action allows its own.
      if (!allowedFrom.includes(request.status)) {
        throw new ConflictError(`a ${request.status} request cannot be matched now`);
      }
      assertRequestTransition(request.status, 'matching');
      const round = request.matchingRound + 1;
      await manager.update(HelpRequest, requestId, {
        status: 'matching',
        matchingRound: round,
        statusChangedAt: new Date(),
      });
      const id = matchRequestJobId(requestId, round);
      await this.outbox.add(manager, {
        queue: MATCHING_QUEUE,
        jobName: MATCH_REQUEST_JOB,
        jobId: id,
        payload: { requestId, round },
      });
      await this.audit.record(
        {
          staffUserId: staff.id,
          action,
          entityType: 'help-request',
          entityId: requestId,
        },
        manager,
      );
      return id;
    });
    this.outbox.relaySoon([jobId]);
    return { id: requestId, status: 'matching' };
  }

  /**
   * Queues a global re-optimisation; its result is read from `lastRun`. One at a time: while one
   * runs (the worker holds its advisory lock) or one asked for is still waiting (outbox or queue),
   * a second request is refused with a conflict that says so. Requests are serialised by a lock of
   * their own, so two at once cannot both pass the check.
   */
  async requestOptimisation(staff: AuthenticatedStaff): Promise<{ queued: true; jobId: string }> {
    const jobId = `${OPTIMISE_REQUEST_PREFIX}${staff.id}-${Date.now()}`;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [OPTIMISE_REQUEST_LOCK]);
      const [{ running }] = await manager.query<{ running: boolean }[]>(
        `SELECT EXISTS (
           SELECT 1 FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1 AND objsubid = 1
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         ) AS running`,
        [OPTIMISE_LOCK],
      );
      const [{ unrelayed }] = await manager.query<{ unrelayed: boolean }[]>(
        `SELECT EXISTS (
           SELECT 1 FROM outbox_job WHERE job_name = $1 AND job_id LIKE $2 AND enqueued_at IS NULL
         ) AS unrelayed`,
        [OPTIMISE_ASSIGNMENTS_JOB, `${OPTIMISE_REQUEST_PREFIX}%`],
      );
      if (running || unrelayed || (await this.optimisationQueued())) {
        throw new ConflictError('a global optimisation is already running or waiting to run');
      }
      await this.outbox.add(manager, {
        queue: MATCHING_QUEUE,
        jobName: OPTIMISE_ASSIGNMENTS_JOB,
        jobId,
        payload: { requestedBy: staff.id },
      });
    });
    this.outbox.relaySoon([jobId]);
    return { queued: true, jobId };
  }

  /** A staff-requested run waiting or active in the queue (the scheduler's next run does not count). */
  private async optimisationQueued(): Promise<boolean> {
    const jobs = await this.queues.get(MATCHING_QUEUE).getJobs(['active', 'waiting', 'prioritized'], 0, 1000);
    return jobs.some(
      (job) => job?.name === OPTIMISE_ASSIGNMENTS_JOB && job.id?.startsWith(OPTIMISE_REQUEST_PREFIX),
    );
  }
}

const OPTIMISE_REQUEST_PREFIX = 'optimise-by-';
/** Serialises optimisation requests (not the run itself: that is OPTIMISE_LOCK, held by the worker). */
const OPTIMISE_REQUEST_LOCK = 7_465_003;
