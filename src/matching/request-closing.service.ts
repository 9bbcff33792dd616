import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { UNMATCHED_OPEN_STATUSES } from '../help-seekers/domain/close-outcome';
import { assertRequestTransition } from '../help-seekers/domain/request-status';
import { HelpRequest } from '../help-seekers/help-request.entity';
import { DomainError, NotFoundError } from '../shared/domain-error';
import { AuditService } from '../staff/audit.service';
import type { CloseRequestDto } from './dto/matching-actions.dto';
import { OfferWithdrawalService } from './offer-withdrawal.service';

/** How many requests whose date passed unmatched one run closes at most (the next run takes the rest). */
const CAME_TOO_LATE_BATCH = 200;

/**
 * Closing a request with its outcome: the status, how it went or why, the staff's note; a
 * duplicate is merged into the other request (which gets a timeline entry, the notes and, when it
 * has none, the help-seeker link). Open proposals and offers end with it (OfferWithdrawalService:
 * the volunteers who were sent an offer get the polite email). One transaction per request.
 */
@Injectable()
export class RequestClosingService {
  private readonly logger = new Logger(RequestClosingService.name);

  constructor(
    // DataSource, not repositories: one transaction over the request, a merged request, its notes, matches and emails.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly withdrawals: OfferWithdrawalService,
    private readonly audit: AuditService,
  ) {}

  /** Staff close a request (staffId null: the system, e.g. the came-too-late job). */
  async close(
    requestId: string,
    dto: CloseRequestDto,
    staffId: string | null,
    now = new Date(),
  ): Promise<HelpRequest> {
    const { request, jobIds } = await this.dataSource.transaction((manager) =>
      this.closeIn(manager, requestId, dto, staffId, now),
    );
    this.withdrawals.relaySoon(jobIds);
    return request;
  }

  /**
   * Requests still unmatched when their one-off date has passed are closed as unfulfilled, reason
   * came-too-late, by a scheduled job. Each in its own transaction, re-checked under the lock, so
   * two runs (two workers, a retry) close each once. Weekly requests do not expire this way.
   */
  async closeMissedAppointments(now = new Date()): Promise<number> {
    const due = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM help_request
        WHERE status = ANY($1::text[]) AND starts_at < $2 AND schedule->>'kind' = 'one-off'
        ORDER BY starts_at LIMIT $3`,
      [[...UNMATCHED_OPEN_STATUSES], now, CAME_TOO_LATE_BATCH],
    );
    let closed = 0;
    for (const { id } of due) {
      try {
        const jobIds = await this.dataSource.transaction(async (manager) => {
          const request = await manager.findOne(HelpRequest, {
            where: { id },
            lock: { mode: 'pessimistic_write' },
          });
          if (
            !request ||
            !(UNMATCHED_OPEN_STATUSES as readonly string[]).includes(request.status) ||
            request.schedule.kind !== 'one-off' ||
            !request.startsAt ||
            request.startsAt >= now
          ) {
            return null;
          }
          const done = await this.closeIn(
            manager,
            id,
            { status: 'unfulfilled', reason: 'came-too-late' },
            null,
            now,
          );
          return done.jobIds;
        });
        if (jobIds) {
          closed += 1;
          this.withdrawals.relaySoon(jobIds);
        }
      } catch (error) {
        this.logger.warn(`could not close request ${id} (came too late): ${(error as Error).message}`);
      }
    }
    if (closed > 0) {
      this.logger.log(`closed ${closed} requests whose date passed unmatched (came too late)`);
    }
    return closed;
  }

  /** The closing itself, in the caller's transaction; returns the request and the email jobs to relay. */
  async closeIn(
    manager: EntityManager,
    requestId: string,
    dto: CloseRequestDto,
    staffId: string | null,
    now: Date,
  ): Promise<{ request: HelpRequest; jobIds: string[] }> {
    const mergeInto = dto.reason === 'duplicate' ? dto.mergeInto : undefined;
    if (dto.mergeInto !== undefined && dto.reason !== 'duplicate') {
      throw new DomainError('merge-without-duplicate', 'mergeInto is only for reason duplicate', 'mergeInto');
    }
    if (mergeInto === requestId) {
      throw new DomainError('merge-into-itself', 'a request cannot be merged into itself', 'mergeInto');
    }
    // Both requests locked, in id order (two merges the other way round cannot deadlock).
    const ids = mergeInto ? [requestId, mergeInto].sort() : [requestId];
    const locked = await manager.find(HelpRequest, {
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const request = locked.find((row) => row.id === requestId);
    if (!request) {
      throw new NotFoundError('help request', requestId);
    }
    const target = mergeInto ? locked.find((row) => row.id === mergeInto) : undefined;
    if (mergeInto && !target) {
      throw new DomainError('merge-target-not-found', `no request ${mergeInto} to merge into`, 'mergeInto');
    }
    if (target?.status === 'rejected') {
      throw new DomainError(
        'merge-target-rejected',
        'that request was rejected itself; merge into the request it points to',
        'mergeInto',
      );
    }
    assertRequestTransition(request.status, dto.status);
    const before = {
      status: request.status,
      outcome: request.outcome,
      closeReason: request.closeReason,
      closeNote: request.closeNote,
      mergedIntoId: request.mergedIntoId,
    };
    const after = {
      status: dto.status,
      outcome: dto.status === 'done' ? (dto.outcome ?? null) : null,
      closeReason: dto.reason ?? null,
      closeNote: dto.note?.trim() || null,
      mergedIntoId: target?.id ?? null,
    };
    await manager.update(HelpRequest, requestId, { ...after, closedAt: now, statusChangedAt: now });
    // Proposals and open offers end with the request; accepted matches stay as history.
    const withdrawn = await this.withdrawals.withdrawMatches(
      manager,
      await this.withdrawals.openMatchIds(manager, [requestId]),
      'request-closed',
    );
    await this.audit.record(
      {
        staffUserId: staffId,
        action: `help-request.${dto.status}`,
        entityType: 'help-request',
        entityId: requestId,
        details: {
          before,
          after,
          outcome: after.outcome,
          withdrawnMatches: withdrawn.withdrawn,
          volunteersTold: withdrawn.told.length,
        },
      },
      manager,
    );
    if (target) {
      await this.merge(manager, request, target, staffId);
    }
    return {
      request: await manager.findOneByOrFail(HelpRequest, { id: requestId }),
      jobIds: withdrawn.jobIds,
    };
  }

  /** The other request keeps what staff knew: the duplicate's notes, and its help-seeker when it has none. */
  private async merge(
    manager: EntityManager,
    duplicate: HelpRequest,
    target: HelpRequest,
    staffId: string | null,
  ): Promise<void> {
    const copied = await manager.query<{ id: string }[]>(
      `INSERT INTO help_request_note (request_id, staff_user_id, body, created_at)
       SELECT $1, staff_user_id, body, created_at FROM help_request_note WHERE request_id = $2
       RETURNING id`,
      [target.id, duplicate.id],
    );
    const linkSeeker = target.helpSeekerId === null && duplicate.helpSeekerId !== null;
    if (linkSeeker) {
      await manager.update(HelpRequest, target.id, { helpSeekerId: duplicate.helpSeekerId });
    }
    await this.audit.record(
      {
        staffUserId: staffId,
        action: 'help-request.merged',
        entityType: 'help-request',
        entityId: target.id,
        details: {
          duplicateId: duplicate.id,
          notesCopied: copied.length,
          before: { helpSeekerId: target.helpSeekerId },
          after: { helpSeekerId: linkSeeker ? duplicate.helpSeekerId : target.helpSeekerId },
        },
      },
      manager,
    );
  }
}
