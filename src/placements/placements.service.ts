import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, NotFoundError } from '../shared/domain-error';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { PlacementSettingsService } from '../settings/placement-settings.service';
import {
  OPEN_STAGES,
  type PlacementActor,
  type PlacementEndReason,
  type PlacementStage,
} from './domain/placement-stage';
import { PlacementStagesService } from './placement-stages.service';

/** One placement as the board, lists and API show it. */
export interface PlacementSummary {
  id: string;
  stage: PlacementStage;
  stageChangedAt: Date;
  daysAtStage: number;
  stuck: boolean;
  volunteerId: string;
  volunteerName: string;
  opportunityId: string;
  opportunityTitle: string;
  opportunityStatus: string;
  providerId: string;
  providerName: string;
  advisoryInterviewId: string | null;
  /** The day of that interview (Berlin date), for the link back to it. */
  advisoryInterviewOn: string | null;
  source: string;
  endReason: string | null;
  startedOn: string | null;
  endedOn: string | null;
  followUpDueAt: Date | null;
  followUpSentAt: Date | null;
}

export interface PlacementTimelineEntry {
  id: string;
  kind: string;
  fromStage: string | null;
  toStage: string | null;
  actor: PlacementActor;
  staffName: string | null;
  reason: string | null;
  note: string | null;
  details: Record<string, unknown>;
  at: Date;
}

export interface PlacementFilters {
  id?: string;
  stage?: PlacementStage;
  opportunityId?: string;
  providerId?: string;
  volunteerId?: string;
  /** The adviser of the advisory interview it came from, or the staff member who opened it. */
  adviserId?: string;
  onlyStuck?: boolean;
  /** Include ended and declined ones (the volunteer's and opportunity's lists). */
  includeClosed?: boolean;
}

const DAY_MS = 24 * 3600_000;
const LIST_LIMIT = 500;

interface SummaryRow {
  id: string;
  stage: PlacementStage;
  stage_changed_at: Date;
  volunteer_id: string;
  volunteer_name: string;
  opportunity_id: string;
  opportunity_title: string;
  opportunity_status: string;
  provider_id: string;
  provider_name: string;
  advisory_interview_id: string | null;
  advisory_interview_on: string | null;
  source: string;
  end_reason: string | null;
  started_on: string | null;
  ended_on: string | null;
  follow_up_due_at: Date | null;
  follow_up_sent_at: Date | null;
}

/** The placements matching `filters`, longest at their stage first, with waiting days and "stuck". */
export async function queryPlacements(
  manager: EntityManager,
  filters: PlacementFilters,
  stuckAfterDays: Record<string, number>,
  now = new Date(),
): Promise<PlacementSummary[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filters.stage) {
    add('p.stage = ?', filters.stage);
  } else if (!filters.includeClosed) {
    where.push(`p.stage NOT IN ('ended', 'declined')`);
  }
  if (filters.id) {
    add('p.id = ?', filters.id);
  }
  if (filters.opportunityId) {
    add('p.opportunity_id = ?', filters.opportunityId);
  }
  if (filters.providerId) {
    add('o.provider_id = ?', filters.providerId);
  }
  if (filters.volunteerId) {
    add('p.volunteer_id = ?', filters.volunteerId);
  }
  if (filters.adviserId) {
    add(
      `? IN (p.created_by_staff_id, (SELECT ai.adviser_staff_id FROM advisory_interview ai WHERE ai.id = p.advisory_interview_id))`,
      filters.adviserId,
    );
  }
  params.push(LIST_LIMIT);
  const rows = await manager.query<SummaryRow[]>(
    `SELECT p.id, p.stage, p.stage_changed_at, p.volunteer_id, v.name AS volunteer_name,
            p.opportunity_id, o.title AS opportunity_title, o.status AS opportunity_status,
            o.provider_id, pr.name AS provider_name, p.advisory_interview_id,
            (SELECT ai.held_on::text FROM advisory_interview ai WHERE ai.id = p.advisory_interview_id) AS advisory_interview_on,
            p.source,
            p.end_reason, p.started_on::text AS started_on, p.ended_on::text AS ended_on,
            p.follow_up_due_at, p.follow_up_sent_at
       FROM placement p
       JOIN volunteer v ON v.id = p.volunteer_id
       JOIN opportunity o ON o.id = p.opportunity_id
       JOIN provider pr ON pr.id = o.provider_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY p.stage_changed_at ASC
      LIMIT $${params.length}`,
    params,
  );
  const summaries = rows.map((row): PlacementSummary => {
    const daysAtStage = Math.max(
      0,
      Math.floor((now.getTime() - new Date(row.stage_changed_at).getTime()) / DAY_MS),
    );
    const threshold = (stuckAfterDays as Record<string, number | undefined>)[row.stage];
    return {
      id: row.id,
      stage: row.stage,
      stageChangedAt: new Date(row.stage_changed_at),
      daysAtStage,
      stuck: threshold !== undefined && daysAtStage > threshold,
      volunteerId: row.volunteer_id,
      volunteerName: row.volunteer_name,
      opportunityId: row.opportunity_id,
      opportunityTitle: row.opportunity_title,
      opportunityStatus: row.opportunity_status,
      providerId: row.provider_id,
      providerName: row.provider_name,
      advisoryInterviewId: row.advisory_interview_id,
      advisoryInterviewOn: row.advisory_interview_on,
      source: row.source,
      endReason: row.end_reason,
      startedOn: row.started_on,
      endedOn: row.ended_on,
      followUpDueAt: row.follow_up_due_at ? new Date(row.follow_up_due_at) : null,
      followUpSentAt: row.follow_up_sent_at ? new Date(row.follow_up_sent_at) : null,
    };
  });
  return filters.onlyStuck ? summaries.filter((summary) => summary.stuck) : summaries;
}

/**
 * Placements on the staff side: the board and lists, one placement with its timeline, and what
 * staff do (open, move, note). Stage changes go through PlacementStagesService; this service adds
 * the opportunity's "filled" bookkeeping in the same transaction.
 */
@Injectable()
export class PlacementsService {
  constructor(
    // DataSource, not repositories: the read model joins volunteer, opportunity and provider.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stages: PlacementStagesService,
    private readonly settings: PlacementSettingsService,
    private readonly audit: AuditService,
  ) {}

  async list(filters: PlacementFilters = {}, now = new Date()): Promise<PlacementSummary[]> {
    const { stuckAfterDays } = await this.settings.get();
    return queryPlacements(this.dataSource.manager, filters, stuckAfterDays, now);
  }

  /** One placement, closed or not; 404 when it does not exist. */
  async get(id: string, now = new Date()): Promise<PlacementSummary> {
    const [found] = await this.list({ id, includeClosed: true }, now);
    if (!found) {
      throw new NotFoundError('placement', id);
    }
    return found;
  }

  /** The placement's events, oldest first, with the staff member's name where staff acted. */
  async timeline(id: string): Promise<PlacementTimelineEntry[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        kind: string;
        from_stage: string | null;
        to_stage: string | null;
        actor: PlacementActor;
        staff_name: string | null;
        reason: string | null;
        note: string | null;
        details: Record<string, unknown> | null;
        at: Date;
      }[]
    >(
      `SELECT e.id, e.kind, e.from_stage, e.to_stage, e.actor, s.name AS staff_name, e.reason, e.note,
              e.details, e.at
         FROM placement_event e LEFT JOIN staff_user s ON s.id = e.staff_user_id
        WHERE e.placement_id = $1
        ORDER BY e.at, e.id`,
      [id],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      fromStage: row.from_stage,
      toStage: row.to_stage,
      actor: row.actor,
      staffName: row.staff_name,
      reason: row.reason,
      note: row.note,
      details: row.details ?? {},
      at: new Date(row.at),
    }));
  }

  /** Staff open a placement (in an interview, from a profile); the interview must be the volunteer's. */
  async open(
    input: {
      volunteerId: string;
      opportunityId: string;
      stage?: 'interested' | 'advised' | 'proposed';
      advisoryInterviewId?: string | null;
      note?: string | null;
    },
    staff: AuthenticatedStaff,
    now = new Date(),
    outer?: EntityManager,
  ): Promise<{ id: string; created: boolean }> {
    const work = async (manager: EntityManager) => {
      if (input.advisoryInterviewId) {
        const [interview] = await manager.query<{ volunteer_id: string }[]>(
          `SELECT volunteer_id FROM advisory_interview WHERE id = $1`,
          [input.advisoryInterviewId],
        );
        if (!interview || interview.volunteer_id !== input.volunteerId) {
          throw new DomainError(
            'invalid-interview',
            'the advisory interview is not one of this volunteer’s',
            'advisoryInterviewId',
          );
        }
      }
      const [opportunity] = await manager.query<{ status: string }[]>(
        `SELECT status FROM opportunity WHERE id = $1`,
        [input.opportunityId],
      );
      if (!opportunity) {
        throw new NotFoundError('opportunity', input.opportunityId);
      }
      if (opportunity.status !== 'published') {
        throw new DomainError(
          'opportunity-not-open',
          'only published opportunities take placements',
          'opportunityId',
        );
      }
      const { placement, created } = await this.stages.open(
        {
          volunteerId: input.volunteerId,
          opportunityId: input.opportunityId,
          source: 'staff',
          stage: input.stage ?? 'advised',
          advisoryInterviewId: input.advisoryInterviewId ?? null,
          staff,
          note: input.note ?? null,
        },
        now,
        manager,
      );
      return { id: placement.id, created };
    };
    return outer ? work(outer) : this.dataSource.transaction(work);
  }

  /**
   * Moves the placement (stage rules in PlacementStagesService) and keeps the opportunity's
   * "filled" status in step, in one transaction: as many started as places → filled; one of a
   * filled opportunity's placements ends → published again.
   */
  async move(
    id: string,
    to: PlacementStage,
    by: {
      actor: PlacementActor;
      staff?: AuthenticatedStaff | null;
      reason?: PlacementEndReason | null;
      note?: string | null;
    },
    now = new Date(),
    outer?: EntityManager,
  ): Promise<void> {
    const work = async (manager: EntityManager) => {
      const placement = await this.stages.move(id, to, by, now, manager);
      await this.syncFilled(manager, placement.opportunityId, by.staff ?? null);
    };
    await (outer ? work(outer) : this.dataSource.transaction(work));
  }

  /** A note in the timeline (kind 'note'); audited. */
  async addNote(id: string, note: string, staff: AuthenticatedStaff, now = new Date()): Promise<void> {
    const text = note.trim();
    if (!text) {
      throw new DomainError('note-required', 'write a note', 'note');
    }
    await this.dataSource.transaction(async (manager) => {
      const [placement] = await manager.query<{ id: string }[]>(`SELECT id FROM placement WHERE id = $1`, [
        id,
      ]);
      if (!placement) {
        throw new NotFoundError('placement', id);
      }
      await manager.query(
        `INSERT INTO placement_event (placement_id, kind, actor, staff_user_id, note, details, at)
         VALUES ($1, 'note', 'staff', $2, $3, '{}', $4)`,
        [id, staff.id, text, now],
      );
      await this.audit.record(
        { staffUserId: staff.id, action: 'placement.noted', entityType: 'placement', entityId: id },
        manager,
      );
    });
  }

  private async syncFilled(
    manager: EntityManager,
    opportunityId: string,
    staff: AuthenticatedStaff | null,
  ): Promise<void> {
    const [opportunity] = await manager.query<{ status: string; places: number }[]>(
      `SELECT status, places FROM opportunity WHERE id = $1 FOR UPDATE`,
      [opportunityId],
    );
    const [{ started }] = await manager.query<{ started: number }[]>(
      `SELECT count(*)::int AS started FROM placement WHERE opportunity_id = $1 AND stage = 'started'`,
      [opportunityId],
    );
    let next: string | null = null;
    if (opportunity.status === 'published' && started >= opportunity.places) {
      next = 'filled';
    } else if (opportunity.status === 'filled' && started < opportunity.places) {
      next = 'published';
    }
    if (!next) {
      return;
    }
    await manager.query(`UPDATE opportunity SET status = $2, updated_at = now() WHERE id = $1`, [
      opportunityId,
      next,
    ]);
    await this.audit.record(
      {
        staffUserId: staff?.id ?? null,
        action: next === 'filled' ? 'placement.opportunity-filled' : 'placement.opportunity-reopened',
        entityType: 'opportunity',
        entityId: opportunityId,
        details: { before: { status: opportunity.status }, after: { status: next }, started },
      },
      manager,
    );
  }
}

/** The board's columns. */
export const BOARD_STAGES = OPEN_STAGES;
