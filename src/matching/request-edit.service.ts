import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  changesEligibility,
  EDITABLE_REQUEST_FIELDS,
  fieldChanges,
  type EditableRequestField,
} from '../help-seekers/domain/request-edit';
import { assertRequestTransition, isClosedRequestStatus } from '../help-seekers/domain/request-status';
import { UpdateHelpRequestDto } from '../help-seekers/dto/update-help-request.dto';
import { HelpRequest, type HelpRequestStatus } from '../help-seekers/help-request.entity';
import { locationColumns, PostalCodesService } from '../postal-codes/postal-codes.service';
import { MATCH_REQUEST_JOB, MATCHING_QUEUE, matchRequestJobId } from '../queue/job-contracts';
import { OutboxService } from '../queue/outbox.service';
import { berlinDateOf } from '../shared/berlin-time';
import { ConflictError, DomainError, NotFoundError } from '../shared/domain-error';
import { isValidSchedule, type RequestSchedule } from '../shared/schedule';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { ANSWERABLE_MATCH_STATUSES, OPEN_MATCH_STATUSES } from './domain/match-status';
import { stillFits } from './domain/offer-fit';
import { Match } from './match.entity';
import { MatchingService } from './matching.service';
import { OfferWithdrawalService } from './offer-withdrawal.service';

/** What an edit did: the fields changed and what followed for matching. */
export interface RequestEditOutcome {
  request: HelpRequest;
  changed: EditableRequestField[];
  /** A new matching round was queued (proposals not yet offered are matched again). */
  rematched: boolean;
  /** Proposals (never shown to the volunteer) dropped because the volunteer no longer fits. */
  proposalsDropped: number;
  /** Offers already sent that no longer fit and were withdrawn. */
  offersWithdrawn: number;
}

/** Statuses in which a new matching round may start after an edit. */
const REMATCH_FROM: readonly HelpRequestStatus[] = ['open', 'proposals-ready', 'matching', 'offered'];

/**
 * Staff edit a request (audited with before and after). A change that can alter who fits
 * (category, skills, language, eFZ, schedule, postal code) is followed through: offers already
 * sent whose volunteer no longer fits are withdrawn (a fitting one stays), and the proposals not
 * yet offered are matched again — a new round when no offer is still out, else the ones that no
 * longer fit are dropped and the rest wait behind the offer.
 */
@Injectable()
export class RequestEditService {
  constructor(
    // DataSource: the request, its matches, the audit entry and the matching job change in one transaction.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly postalCodes: PostalCodesService,
    private readonly taxonomy: TaxonomyService,
    private readonly matching: MatchingService,
    private readonly withdrawals: OfferWithdrawalService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async edit(
    id: string,
    dto: UpdateHelpRequestDto,
    staff: AuthenticatedStaff,
    now = new Date(),
  ): Promise<RequestEditOutcome> {
    // Checks that need no lock come first: a bad field is a 400 before anything is read for update.
    if (dto.category !== undefined) {
      this.taxonomy.assertKnown('categories', [dto.category], 'category');
    }
    if (dto.neededSkills?.length) {
      this.taxonomy.assertKnown('skills', dto.neededSkills, 'neededSkills');
    }
    const location = dto.postalCode !== undefined ? await this.postalCodes.locate(dto.postalCode) : null;

    let jobId: string | null = null;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(HelpRequest, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) {
        throw new NotFoundError('help request', id);
      }
      if (isClosedRequestStatus(request.status)) {
        throw new ConflictError(`a ${request.status} request is closed and cannot be edited`);
      }
      const schedule = dto.schedule
        ? checkedSchedule(dto.schedule as RequestSchedule, request.schedule, now)
        : undefined;
      const category = dto.category ?? request.category;
      const categoryChanged = category !== request.category;
      const after: Partial<Record<EditableRequestField, unknown>> = {
        category,
        description: dto.description?.trim(),
        volunteerSummary:
          dto.volunteerSummary === undefined ? undefined : dto.volunteerSummary?.trim() || null,
        // No skills given: the category's (when the category changes, the new category's).
        neededSkills:
          dto.neededSkills !== undefined
            ? dto.neededSkills.length > 0
              ? dto.neededSkills
              : this.taxonomy.skillsOfCategory(category)
            : categoryChanged
              ? this.taxonomy.skillsOfCategory(category)
              : undefined,
        neededLanguage: dto.neededLanguage === undefined ? undefined : dto.neededLanguage,
        // The eFZ follows the new category's default unless staff say otherwise.
        requiresCertificate:
          dto.requiresCertificate ??
          (categoryChanged ? this.taxonomy.requiresCertificateByDefault(category) : undefined),
        schedule,
        streetAddress: dto.streetAddress === undefined ? undefined : dto.streetAddress?.trim() || null,
        postalCode: location?.postalCode,
        urgency: dto.urgency,
      };
      const changes = fieldChanges<EditableRequestField>(request, after, EDITABLE_REQUEST_FIELDS);
      if (changes.changed.length === 0) {
        return { request, changed: [], rematched: false, proposalsDropped: 0, offersWithdrawn: 0 };
      }
      Object.assign(
        request,
        changes.after,
        location && changes.changed.includes('postalCode') ? locationColumns(location) : {},
      );
      // save(): the entity hook keeps startsAt in step with the schedule.
      await manager.save(request);
      const followUp = changesEligibility(changes.changed)
        ? await this.followEligibility(manager, request, now)
        : { rematched: false, proposalsDropped: 0, offersWithdrawn: 0, jobId: null };
      jobId = followUp.jobId;
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'help-request.edited',
          entityType: 'help-request',
          entityId: id,
          details: {
            changed: changes.changed,
            before: changes.before,
            after: changes.after,
            rematched: followUp.rematched,
            proposalsDropped: followUp.proposalsDropped,
            offersWithdrawn: followUp.offersWithdrawn,
          } as never,
        },
        manager,
      );
      return {
        request: await manager.findOneByOrFail(HelpRequest, { id }),
        changed: changes.changed,
        rematched: followUp.rematched,
        proposalsDropped: followUp.proposalsDropped,
        offersWithdrawn: followUp.offersWithdrawn,
      };
    });
    this.outbox.relaySoon([jobId]);
    return outcome;
  }

  /**
   * After a change to who may fit: each open match is checked with the engine's eligibility for
   * its volunteer; offers that no longer fit are withdrawn, proposals matched again.
   */
  private async followEligibility(manager: EntityManager, request: HelpRequest, now: Date) {
    const open = await manager.find(Match, {
      where: { requestId: request.id, status: In([...OPEN_MATCH_STATUSES]) },
    });
    const verdicts = await this.matching.eligibilityOf(
      manager,
      request,
      open.map((match) => match.volunteerId),
      now,
    );
    const fits = (match: Match) => {
      const verdict = verdicts.get(match.volunteerId);
      return verdict !== undefined && stillFits(verdict);
    };
    const offers = open.filter((match) =>
      (ANSWERABLE_MATCH_STATUSES as readonly string[]).includes(match.status),
    );
    const unfitOffers = offers.filter((match) => !fits(match));
    await this.withdrawals.withdraw(
      manager,
      unfitOffers.map((match) => match.id),
      'request-changed',
    );
    const offersStillOut = offers.length - unfitOffers.length;
    const proposals = open.filter((match) => match.status === 'proposed');
    const rematch =
      REMATCH_FROM.includes(request.status) && !(request.status === 'offered' && offersStillOut > 0);
    // Proposals were never shown to the volunteer: they go, and a new round finds who fits now
    // (with fresh scores). While an offer is still out, only those that no longer fit go.
    const dropped = rematch ? proposals : proposals.filter((match) => !fits(match));
    if (dropped.length > 0) {
      await manager.delete(Match, { id: In(dropped.map((match) => match.id)) });
    }
    if (!rematch) {
      return {
        rematched: false,
        proposalsDropped: dropped.length,
        offersWithdrawn: unfitOffers.length,
        jobId: null,
      };
    }
    if (request.status !== 'matching') {
      assertRequestTransition(request.status, 'matching');
    }
    // A round already queued becomes stale (its job is skipped): the new round sees the edit.
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
    return { rematched: true, proposalsDropped: dropped.length, offersWithdrawn: unfitOffers.length, jobId };
  }
}

/**
 * A schedule as the API takes it, checked like at intake; a weekly one keeps its first day
 * (`from`). The schedule the request already has passes as it is (its date may have passed).
 */
function checkedSchedule(dto: RequestSchedule, current: RequestSchedule, now: Date): RequestSchedule {
  const schedule: RequestSchedule =
    dto.kind === 'one-off'
      ? { kind: 'one-off', date: dto.date ?? '', start: dto.start ?? '', end: dto.end ?? '' }
      : {
          kind: 'weekly',
          slots: (dto.slots ?? []).map(({ weekday, start, end }) => ({ weekday, start, end })),
          ...(dto.from ? { from: dto.from } : {}),
        };
  if (!isValidSchedule(schedule)) {
    throw new DomainError(
      'invalid-schedule',
      'the end must come after the start, on a real date',
      'schedule',
    );
  }
  const unchanged = fieldChanges({ schedule: current }, { schedule }, ['schedule']).changed.length === 0;
  if (schedule.kind === 'one-off' && schedule.date < berlinDateOf(now) && !unchanged) {
    throw new DomainError('invalid-schedule', 'the date lies in the past', 'schedule.date');
  }
  return schedule;
}
