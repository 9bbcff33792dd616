import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { berlinDateOf } from '../shared/berlin-time';
import { ConflictError, DomainError, NotFoundError } from '../shared/domain-error';
import { Opportunity } from '../opportunities/opportunity.entity';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { PlacementSettingsService } from '../settings/placement-settings.service';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { Volunteer } from '../volunteers/volunteer.entity';
import {
  checkStageMove,
  isFinalStage,
  type DecliningSide,
  type PlacementActor,
  type PlacementEndReason,
  type PlacementSource,
  type PlacementStage,
} from './domain/placement-stage';
import { PlacementEvent } from './placement-event.entity';
import { Placement } from './placement.entity';

export * from './domain/placement-stage';

/** Who moves a placement, and why. */
export interface StageMoveBy {
  actor: PlacementActor;
  /** Set when staff move it: the move is audited under their name. */
  staff?: AuthenticatedStaff | null;
  /** Required when declining or ending. */
  reason?: PlacementEndReason | null;
  note?: string | null;
  /** Who said no; defaults to the actor's side (staff → agency). */
  declinedBy?: DecliningSide | null;
}

export interface OpenPlacementInput {
  volunteerId: string;
  opportunityId: string;
  source: PlacementSource;
  /** Where it starts: "interested" (the public button), "advised" or "proposed" (staff in an interview). */
  stage?: 'interested' | 'advised' | 'proposed';
  advisoryInterviewId?: string | null;
  staff?: AuthenticatedStaff | null;
  note?: string | null;
}

const ENTRY_STAGES = ['interested', 'advised', 'proposed'] as const;
const WEEK_MS = 7 * 24 * 3600_000;

/**
 * The one place a placement is opened or moves stage: every move is checked against the stage
 * rules (domain/placement-stage.ts), written with its timeline event in one transaction under a
 * row lock, and audited when staff made it. Everything else (boards, host page, follow-up, public
 * interest) calls this.
 */
@Injectable()
export class PlacementStagesService {
  constructor(
    // DataSource, not repositories: placement, its event and the audit entry in one transaction.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly settings: PlacementSettingsService,
    private readonly notifications: NotificationOutbox,
  ) {}

  /**
   * Opens a placement for the volunteer and opportunity, or returns the open one they already
   * have (`created: false`; nothing written), so a second click or a retried form is harmless.
   */
  async open(
    input: OpenPlacementInput,
    now = new Date(),
    outer?: EntityManager,
  ): Promise<{ placement: Placement; created: boolean }> {
    const stage = input.stage ?? 'interested';
    if (!ENTRY_STAGES.includes(stage)) {
      throw new DomainError('invalid-stage', `a placement starts as ${ENTRY_STAGES.join(', ')}`, 'stage');
    }
    const work = async (manager: EntityManager) => {
      const volunteer = await manager.findOneBy(Volunteer, { id: input.volunteerId });
      if (!volunteer || volunteer.erasedAt) {
        throw new NotFoundError('volunteer', input.volunteerId);
      }
      if (!(await manager.existsBy(Opportunity, { id: input.opportunityId }))) {
        throw new NotFoundError('opportunity', input.opportunityId);
      }
      // The partial unique index keeps one open placement per pair; a racing second insert does nothing.
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO placement (volunteer_id, opportunity_id, stage, stage_changed_at, source,
                                advisory_interview_id, proposed_at, created_by_staff_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (volunteer_id, opportunity_id) WHERE stage NOT IN ('ended', 'declined') DO NOTHING
         RETURNING id`,
        [
          input.volunteerId,
          input.opportunityId,
          stage,
          now,
          input.source,
          input.advisoryInterviewId ?? null,
          stage === 'proposed' ? now : null,
          input.staff?.id ?? null,
        ],
      );
      if (inserted.length === 0) {
        const existing = await manager
          .createQueryBuilder(Placement, 'p')
          .where('p.volunteer_id = :volunteerId AND p.opportunity_id = :opportunityId', input)
          .andWhere(`p.stage NOT IN ('ended', 'declined')`)
          .getOneOrFail();
        return { placement: existing, created: false };
      }
      const id = inserted[0].id;
      await this.writeEvent(
        manager,
        id,
        null,
        stage,
        input.staff ? 'staff' : input.source === 'host' ? 'host' : 'volunteer',
        {
          staff: input.staff ?? null,
          note: input.note ?? null,
          at: now,
        },
      );
      if (input.staff) {
        await this.audit.record(
          {
            staffUserId: input.staff.id,
            action: 'placement.opened',
            entityType: 'placement',
            entityId: id,
            details: { volunteerId: input.volunteerId, opportunityId: input.opportunityId, stage },
          },
          manager,
        );
      }
      if (stage === 'proposed') {
        await this.queueHostProposal(manager, id, input.opportunityId);
      }
      return { placement: await manager.findOneByOrFail(Placement, { id }), created: true };
    };
    return outer ? work(outer) : this.dataSource.transaction(work);
  }

  /** Moves the placement to `to` if the rules allow it (409 otherwise); returns the updated row. */
  async move(
    placementId: string,
    to: PlacementStage,
    by: StageMoveBy,
    now = new Date(),
    outer?: EntityManager,
  ): Promise<Placement> {
    const work = async (manager: EntityManager) => {
      const placement = await manager.findOne(Placement, {
        where: { id: placementId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!placement) {
        throw new NotFoundError('placement', placementId);
      }
      const from = placement.stage;
      const check = checkStageMove(from, to, by.actor);
      if (!check.ok) {
        throw new ConflictError(check.message);
      }
      if (isFinalStage(to) && !by.reason) {
        throw new DomainError('reason-required', `say why the placement is ${to}`, 'reason');
      }
      if (by.reason === 'other' && !by.note?.trim()) {
        throw new DomainError('note-required', 'say in a few words what happened', 'note');
      }
      placement.stage = to;
      placement.stageChangedAt = now;
      if (to === 'proposed' && !placement.proposedAt) {
        placement.proposedAt = now;
      }
      if (to === 'started') {
        placement.startedOn = berlinDateOf(now);
        const { followUpWeeks } = await this.settings.get();
        placement.followUpDueAt = new Date(now.getTime() + followUpWeeks * WEEK_MS);
      }
      if (isFinalStage(to)) {
        placement.endedOn = berlinDateOf(now);
        placement.endReason = by.reason ?? null;
        placement.endNote = by.note?.trim() || null;
        if (to === 'declined') {
          placement.declinedBy =
            by.declinedBy ??
            (by.actor === 'host' ? 'host' : by.actor === 'volunteer' ? 'volunteer' : 'agency');
        }
      }
      await manager.save(placement);
      await this.writeEvent(manager, placement.id, from, to, by.actor, {
        staff: by.staff ?? null,
        reason: by.reason ?? null,
        note: by.note?.trim() || null,
        at: now,
      });
      if (to === 'proposed') {
        await this.queueHostProposal(manager, placement.id, placement.opportunityId);
      }
      if (by.staff) {
        await this.audit.record(
          {
            staffUserId: by.staff.id,
            action: 'placement.moved',
            entityType: 'placement',
            entityId: placement.id,
            details: { before: { stage: from }, after: { stage: to }, reason: by.reason ?? null },
          },
          manager,
        );
      }
      return placement;
    };
    return outer ? work(outer) : this.dataSource.transaction(work);
  }

  private async writeEvent(
    manager: EntityManager,
    placementId: string,
    from: PlacementStage | null,
    to: PlacementStage,
    actor: PlacementActor,
    extra: { staff: AuthenticatedStaff | null; reason?: string | null; note?: string | null; at: Date },
  ): Promise<void> {
    await manager.insert(PlacementEvent, {
      placementId,
      kind: 'stage',
      fromStage: from,
      toStage: to,
      actor,
      staffUserId: extra.staff?.id ?? null,
      reason: extra.reason ?? null,
      note: extra.note ?? null,
      details: {},
      at: extra.at,
    });
  }

  /**
   * The host hears of a proposal (email "host-placement-proposed", docs/hosts.md), in this
   * transaction, once per placement: to the opportunity's contact, else the provider's address.
   */
  private async queueHostProposal(
    manager: EntityManager,
    placementId: string,
    opportunityId: string,
  ): Promise<void> {
    const [host] = await manager.query<{ email: string; locale: string }[]>(
      `SELECT coalesce(nullif(trim(o.contact_email), ''), p.email) AS email, p.locale
         FROM opportunity o JOIN provider p ON p.id = o.provider_id WHERE o.id = $1`,
      [opportunityId],
    );
    if (host?.email) {
      await this.notifications.queue(manager, {
        kind: 'host-placement-proposed',
        subjectId: placementId,
        recipient: host.email,
        locale: host.locale,
      });
    }
  }
}
