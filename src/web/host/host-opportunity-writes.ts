import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { reviewByDate } from '../../opportunities/domain/opportunity-status';
import { Opportunity } from '../../opportunities/opportunity.entity';
import { PlacementSettingsService } from '../../settings/placement-settings.service';
import { berlinDateOf } from '../../shared/berlin-time';
import { ConflictError, NotFoundError } from '../../shared/domain-error';

/** The host acting on its own page: every write is scoped to this provider. */
export interface HostActor {
  kind: 'host';
  providerId: string;
}

/**
 * What the host page needs to change opportunities.
 *
 * MERGE NOTE (lead): this is a stand-in. The opportunities helper builds
 * `src/opportunities/opportunities.service.ts` with actor `{ kind: 'host', providerId }`; at merge,
 * bind `HOST_OPPORTUNITY_WRITES` in `host-web.module.ts` to an adapter over OpportunitiesService
 * (or let OpportunitiesService implement this interface) and delete `EntityHostOpportunityWrites`.
 */
export interface HostOpportunityWrites {
  /** "Noch aktuell": review-by = today (Berlin) + the agency's review interval. */
  confirmCurrent(actor: HostActor, opportunityId: string, now: Date): Promise<Opportunity>;
  /** "Pausieren": a published opportunity is paused by the host. */
  pause(actor: HostActor, opportunityId: string, now: Date): Promise<Opportunity>;
  /** "Wieder veröffentlichen": a paused one is offered again (and counts as confirmed today). */
  resume(actor: HostActor, opportunityId: string, now: Date): Promise<Opportunity>;
}

export const HOST_OPPORTUNITY_WRITES = Symbol('HostOpportunityWrites');

/** Thin stand-in over the entity (see MERGE NOTE above): status rules only, one row lock each. */
@Injectable()
export class EntityHostOpportunityWrites implements HostOpportunityWrites {
  constructor(
    // DataSource, not repositories: a stand-in for OpportunitiesService until the merge.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: PlacementSettingsService,
  ) {}

  async confirmCurrent(actor: HostActor, opportunityId: string, now: Date): Promise<Opportunity> {
    const { reviewIntervalMonths } = await this.settings.get();
    return this.change(actor, opportunityId, (opportunity) => {
      if (opportunity.status !== 'published' && opportunity.status !== 'paused') {
        throw new ConflictError(`an opportunity that is ${opportunity.status} needs no confirmation`);
      }
      opportunity.reviewBy = reviewByDate(berlinDateOf(now), reviewIntervalMonths);
      // Paused only because the date had passed: confirming brings it back.
      if (opportunity.status === 'paused' && opportunity.pausedReason === 'review-overdue') {
        opportunity.status = 'published';
        opportunity.pausedReason = null;
      }
    });
  }

  async pause(actor: HostActor, opportunityId: string): Promise<Opportunity> {
    return this.change(actor, opportunityId, (opportunity) => {
      if (opportunity.status !== 'published') {
        throw new ConflictError(`only a published opportunity can be paused (it is ${opportunity.status})`);
      }
      opportunity.status = 'paused';
      opportunity.pausedReason = 'host';
    });
  }

  async resume(actor: HostActor, opportunityId: string, now: Date): Promise<Opportunity> {
    const { reviewIntervalMonths } = await this.settings.get();
    return this.change(actor, opportunityId, (opportunity) => {
      if (opportunity.status !== 'paused' || opportunity.pausedReason === 'staff') {
        throw new ConflictError('only an opportunity the host or the review date paused can be resumed');
      }
      opportunity.status = 'published';
      opportunity.pausedReason = null;
      opportunity.publishedAt ??= now;
      opportunity.reviewBy = reviewByDate(berlinDateOf(now), reviewIntervalMonths);
    });
  }

  private change(
    actor: HostActor,
    opportunityId: string,
    apply: (opportunity: Opportunity) => void,
  ): Promise<Opportunity> {
    return this.dataSource.transaction(async (manager) => {
      const opportunity = await manager.findOne(Opportunity, {
        where: { id: opportunityId, providerId: actor.providerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!opportunity) {
        throw new NotFoundError('opportunity', opportunityId);
      }
      apply(opportunity);
      return manager.save(opportunity);
    });
  }
}
