import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestValidationError } from '../common/validation';
import { PostalCodesService } from '../postal-codes/postal-codes.service';
import { Provider } from '../providers/provider.entity';
import { PlacementSettingsService } from '../settings/placement-settings.service';
import { berlinDateOf } from '../shared/berlin-time';
import { ConflictError, DomainError, NotFoundError } from '../shared/domain-error';
import type { AuditDetails } from '../staff/audit-log.entity';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import {
  checkOpportunityAction,
  checkOpportunityInput,
  OPPORTUNITY_FIELD_NAMES,
  type OpportunityAction,
  type OpportunityFields,
  type OpportunityProblem,
} from './domain/opportunity-input';
import {
  opportunitySearchSql,
  OPPORTUNITY_PAGE_SIZE,
  type OpportunityFilters,
} from './domain/opportunity-search';
import { reviewByDate, type OpportunityStatus } from './domain/opportunity-status';
import type { OpportunityTimePattern } from './domain/time-pattern';
import { Opportunity } from './opportunity.entity';
import { Project } from './project.entity';

/** Who writes: staff (any provider) or a host through its host page (its own provider only). */
export type OpportunityActor =
  { kind: 'staff'; staff: AuthenticatedStaff } | { kind: 'host'; providerId: string };

/** The writable fields, as the API and forms send them; checked by checkOpportunityInput. */
export type OpportunityInput = Partial<Record<(typeof OPPORTUNITY_FIELD_NAMES)[number], unknown>> & {
  projectId?: unknown;
  /** A new project of the same provider, created in the same transaction (instead of projectId). */
  newProjectTitle?: unknown;
};

export interface OpportunityListRow {
  id: string;
  title: string;
  status: OpportunityStatus;
  fieldsOfActivity: string[];
  remote: boolean;
  postalCode: string | null;
  district: string | null;
  timePattern: OpportunityTimePattern;
  places: number;
  openPlaces: number;
  reviewBy: string | null;
  providerId: string;
  providerName: string;
  createdAt: Date;
}

export interface OpportunityPlacementRow {
  id: string;
  stage: string;
  stageChangedAt: Date;
  volunteerId: string;
  volunteerName: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Problems of the pure check, as the API's 400 (field and English message). */
export class OpportunityInputError extends RequestValidationError {
  constructor(readonly problems: OpportunityProblem[]) {
    super(problems.map(({ field, message }) => ({ field, message })));
  }
}

/** Plain JSON of an entity for the audit's before/after (dates as text). */
const snapshot = (row: object | null): AuditDetails | null =>
  row === null ? null : (JSON.parse(JSON.stringify(row)) as AuditDetails);

const PROJECT_TITLE = { min: 2, max: 120 };
const PROJECT_DESCRIPTION = 2000;

/**
 * Hosts' opportunities and projects: created, changed and moved through their statuses by staff
 * (console, API) and by hosts (host page), each write checked by checkOpportunityInput and audited
 * with before and after. A host actor only ever touches its own provider's rows; what a host
 * submits waits for staff review when the agency wants (PlacementSettings.reviewHostSubmissions).
 */
@Injectable()
export class OpportunitiesService {
  constructor(
    // DataSource, not repositories: the row, its project check and the audit entry in one transaction.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly taxonomy: TaxonomyService,
    private readonly postalCodes: PostalCodesService,
    private readonly settings: PlacementSettingsService,
  ) {}

  // ---- reading ----

  async search(
    filters: OpportunityFilters,
    now = new Date(),
  ): Promise<{ rows: OpportunityListRow[]; hasNext: boolean }> {
    const { sql, params } = opportunitySearchSql(filters, berlinDateOf(now));
    const rows = await this.dataSource.query<OpportunityListRow[]>(sql, params);
    return { rows: rows.slice(0, OPPORTUNITY_PAGE_SIZE), hasNext: rows.length > OPPORTUNITY_PAGE_SIZE };
  }

  /** One opportunity; a host sees only its own (anything else is "not found", never "forbidden"). */
  async get(id: string, actor?: OpportunityActor): Promise<Opportunity> {
    const row = UUID.test(id) ? await this.dataSource.manager.findOneBy(Opportunity, { id }) : null;
    if (!row || (actor?.kind === 'host' && row.providerId !== actor.providerId)) {
      throw new NotFoundError('opportunity', id);
    }
    return row;
  }

  async placementsOf(opportunityId: string): Promise<OpportunityPlacementRow[]> {
    return this.dataSource.query<OpportunityPlacementRow[]>(
      `SELECT pl.id, pl.stage, pl.stage_changed_at AS "stageChangedAt", v.id AS "volunteerId", v.name AS "volunteerName"
         FROM placement pl JOIN volunteer v ON v.id = pl.volunteer_id
        WHERE pl.opportunity_id = $1
        ORDER BY pl.stage_changed_at DESC
        LIMIT 500`,
      [opportunityId],
    );
  }

  async districtNames(): Promise<string[]> {
    const rows = await this.dataSource.query<{ district: string }[]>(
      `SELECT DISTINCT district FROM opportunity WHERE district IS NOT NULL ORDER BY district LIMIT 300`,
    );
    return rows.map((row) => row.district);
  }

  async providerChoices(): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(`SELECT id, name FROM provider ORDER BY name LIMIT 1000`);
  }

  async projectsOf(providerId: string): Promise<Project[]> {
    return this.dataSource.manager.find(Project, {
      where: { providerId },
      order: { title: 'ASC' },
      take: 500,
    });
  }

  async opportunitiesOf(providerId: string): Promise<Opportunity[]> {
    return this.dataSource.manager.find(Opportunity, {
      where: { providerId },
      order: { createdAt: 'DESC' },
      take: 500,
    });
  }

  // ---- writing opportunities ----

  /**
   * A new opportunity of `providerId` (a host actor: always its own). Staff write drafts unless
   * `publish` is set; a host's goes to review when the agency reviews host submissions, else it
   * is published straight away.
   */
  async create(
    providerId: string,
    input: OpportunityInput,
    actor: OpportunityActor,
    options: { publish?: boolean } = {},
    now = new Date(),
  ): Promise<Opportunity> {
    const scopedProviderId = actor.kind === 'host' ? actor.providerId : providerId;
    const { projectId, newProjectTitle, ...fieldsInput } = input;
    const fields = this.check(fieldsInput, now);
    const newProject =
      newProjectTitle === undefined ? null : checkProject({ title: newProjectTitle }, 'newProjectTitle');
    const place = await this.placeOf(fields);
    const settings = await this.settings.get();
    // A host may keep a draft (`publish: false`); what it submits goes to review when the agency wants.
    const status: OpportunityStatus =
      actor.kind === 'host'
        ? options.publish === false
          ? 'draft'
          : settings.reviewHostSubmissions
            ? 'in-review'
            : 'published'
        : options.publish
          ? 'published'
          : 'draft';
    return this.dataSource.transaction(async (manager) => {
      if (!UUID.test(scopedProviderId) || !(await manager.existsBy(Provider, { id: scopedProviderId }))) {
        throw new DomainError('unknown-provider', 'no provider has this id', 'providerId');
      }
      const resolvedProjectId = newProject
        ? await this.addProject(manager, scopedProviderId, newProject, actor)
        : await this.projectFor(manager, scopedProviderId, projectId);
      const published = status === 'published';
      const saved = await manager.save(
        manager.create(Opportunity, {
          ...fields,
          ...place,
          providerId: scopedProviderId,
          projectId: resolvedProjectId,
          status,
          submittedBy: actor.kind,
          publishedAt: published ? now : null,
          reviewBy: published ? reviewByDate(berlinDateOf(now), settings.reviewIntervalMonths) : null,
          pausedReason: null,
        }),
      );
      await this.record(manager, actor, 'opportunity.created', saved.id, null, saved);
      return saved;
    });
  }

  /**
   * Changes fields (a partial input, checked as a whole with the stored ones). A host's change to
   * a published offer goes back to review when the agency reviews host submissions.
   */
  async update(
    id: string,
    input: OpportunityInput,
    actor: OpportunityActor,
    now = new Date(),
  ): Promise<Opportunity> {
    const current = await this.get(id, actor);
    const { projectId, newProjectTitle, ...patch } = input;
    const newProject =
      newProjectTitle === undefined ? null : checkProject({ title: newProjectTitle }, 'newProjectTitle');
    const merged: Record<string, unknown> = {};
    for (const name of OPPORTUNITY_FIELD_NAMES) {
      merged[name] = current[name] ?? undefined;
    }
    const fields = this.check({ ...merged, ...patch }, now);
    const place = await this.placeOf(fields);
    const settings = await this.settings.get();
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(Opportunity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!before || (actor.kind === 'host' && before.providerId !== actor.providerId)) {
        throw new NotFoundError('opportunity', id);
      }
      if (before.status === 'archived') {
        throw new ConflictError('an archived opportunity cannot be changed');
      }
      const resolvedProjectId = newProject
        ? await this.addProject(manager, before.providerId, newProject, actor)
        : projectId === undefined
          ? before.projectId
          : await this.projectFor(manager, before.providerId, projectId);
      const toReview =
        actor.kind === 'host' && settings.reviewHostSubmissions && before.status === 'published';
      const after: Opportunity = {
        ...before,
        ...fields,
        ...place,
        projectId: resolvedProjectId,
        ...(toReview ? { status: 'in-review' as const, submittedBy: 'host' as const } : {}),
      };
      const saved = await manager.save(Opportunity, after);
      await this.record(manager, actor, 'opportunity.updated', id, before, saved);
      return saved;
    });
  }

  /**
   * A status action: publish, pause (with a note), fill, archive, back to draft, approve or reject
   * a host submission (reject needs a note), confirm "still current". Checked against the status
   * rules; publishing and confirming set the review-by date.
   */
  async act(
    id: string,
    action: OpportunityAction,
    actor: OpportunityActor,
    note?: string | null,
    now = new Date(),
  ): Promise<Opportunity> {
    const cleanNote = typeof note === 'string' && note.trim() !== '' ? note.trim() : null;
    if (cleanNote !== null && cleanNote.length > 1000) {
      throw new DomainError('invalid-note', 'the note must be at most 1000 characters', 'note');
    }
    if (action === 'reject' && cleanNote === null) {
      throw new DomainError('note-required', 'say what the host should change', 'note');
    }
    const settings = await this.settings.get();
    const today = berlinDateOf(now);
    return this.dataSource.transaction(async (manager) => {
      const before = UUID.test(id)
        ? await manager.findOne(Opportunity, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!before || (actor.kind === 'host' && before.providerId !== actor.providerId)) {
        throw new NotFoundError('opportunity', id);
      }
      const verdict = checkOpportunityAction(action, before.status, actor.kind);
      if (verdict === 'forbidden') {
        throw new ForbiddenException(`a host cannot ${action} an opportunity`);
      }
      if (verdict === 'wrong-status') {
        throw new ConflictError(`a ${before.status} opportunity cannot be given "${action}"`);
      }
      if (
        actor.kind === 'host' &&
        action === 'publish' &&
        before.status === 'paused' &&
        before.pausedReason === 'staff'
      ) {
        throw new ConflictError('the agency paused this opportunity; only staff can publish it again');
      }
      const reviewBy = reviewByDate(today, settings.reviewIntervalMonths);
      const publish = { status: 'published' as const, publishedAt: now, reviewBy, pausedReason: null };
      let change: Partial<Opportunity>;
      switch (action) {
        case 'publish':
          // A host's draft goes through review when the agency wants; a paused offer comes back.
          change =
            actor.kind === 'host' && before.status === 'draft' && settings.reviewHostSubmissions
              ? { status: 'in-review', submittedBy: 'host' }
              : publish;
          break;
        case 'approve':
          change = publish;
          break;
        case 'confirm':
          change =
            before.status === 'paused' && before.pausedReason === 'review-overdue' ? publish : { reviewBy };
          break;
        case 'pause':
          change = { status: 'paused', pausedReason: actor.kind };
          break;
        case 'fill':
          change = { status: 'filled', pausedReason: null };
          break;
        case 'archive':
          change = { status: 'archived', pausedReason: null };
          break;
        case 'draft':
        case 'reject':
          change = { status: 'draft', pausedReason: null };
          break;
      }
      const saved = await manager.save(Opportunity, { ...before, ...change });
      await this.record(manager, actor, `opportunity.${ACTION_AUDIT[action]}`, id, before, saved, cleanNote);
      return saved;
    });
  }

  // ---- projects ----

  async createProject(
    providerId: string,
    input: { title?: unknown; description?: unknown },
    actor: OpportunityActor,
  ): Promise<Project> {
    const scopedProviderId = actor.kind === 'host' ? actor.providerId : providerId;
    const fields = checkProject(input);
    return this.dataSource.transaction(async (manager) => {
      if (!UUID.test(scopedProviderId) || !(await manager.existsBy(Provider, { id: scopedProviderId }))) {
        throw new DomainError('unknown-provider', 'no provider has this id', 'providerId');
      }
      const id = await this.addProject(manager, scopedProviderId, fields, actor);
      return manager.findOneByOrFail(Project, { id });
    });
  }

  private async addProject(
    manager: EntityManager,
    providerId: string,
    fields: { title: string; description: string | null },
    actor: OpportunityActor,
  ): Promise<string> {
    const saved = await manager.save(manager.create(Project, { ...fields, providerId }));
    await this.recordProject(manager, actor, 'project.created', saved.id, null, saved);
    return saved.id;
  }

  async getProject(id: string, actor?: OpportunityActor): Promise<Project> {
    const row = UUID.test(id) ? await this.dataSource.manager.findOneBy(Project, { id }) : null;
    if (!row || (actor?.kind === 'host' && row.providerId !== actor.providerId)) {
      throw new NotFoundError('project', id);
    }
    return row;
  }

  async updateProject(
    id: string,
    input: { title?: unknown; description?: unknown },
    actor: OpportunityActor,
  ): Promise<Project> {
    const current = await this.getProject(id, actor);
    const fields = checkProject({
      title: input.title === undefined ? current.title : input.title,
      description: input.description === undefined ? current.description : input.description,
    });
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(Project, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) {
        throw new NotFoundError('project', id);
      }
      const saved = await manager.save(Project, { ...before, ...fields });
      await this.recordProject(manager, actor, 'project.updated', id, before, saved);
      return saved;
    });
  }

  /** Deletes a project; its opportunities stay, without a project. */
  async deleteProject(id: string, actor: OpportunityActor): Promise<void> {
    const before = await this.getProject(id, actor);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(Project, { id });
      await this.recordProject(manager, actor, 'project.deleted', id, before, null);
    });
  }

  async listProjects(providerId: string | null, actor?: OpportunityActor): Promise<Project[]> {
    const scoped = actor?.kind === 'host' ? actor.providerId : providerId;
    return this.dataSource.manager.find(Project, {
      where: scoped ? { providerId: scoped } : {},
      order: { title: 'ASC' },
      take: 1000,
    });
  }

  // ---- helpers ----

  private check(input: unknown, now: Date): OpportunityFields {
    const check = checkOpportunityInput(input, berlinDateOf(now));
    if (!check.ok) {
      throw new OpportunityInputError(check.problems);
    }
    this.taxonomy.assertKnown('fields', check.fields.fieldsOfActivity, 'fieldsOfActivity');
    this.taxonomy.assertKnown('skills', check.fields.skills, 'skills');
    return check.fields;
  }

  private async placeOf(
    fields: OpportunityFields,
  ): Promise<Pick<Opportunity, 'postalCode' | 'latitude' | 'longitude' | 'district'>> {
    if (fields.remote || fields.postalCode === null) {
      return { postalCode: null, latitude: null, longitude: null, district: null };
    }
    const located = await this.postalCodes.locate(fields.postalCode, 'postalCode');
    return {
      postalCode: located.postalCode,
      latitude: located.latitude,
      longitude: located.longitude,
      district: located.district,
    };
  }

  /** The project, which must belong to the opportunity's provider; null/'' clears it. */
  private async projectFor(
    manager: EntityManager,
    providerId: string,
    projectId: unknown,
  ): Promise<string | null> {
    if (projectId === undefined || projectId === null || projectId === '') {
      return null;
    }
    const project =
      typeof projectId === 'string' && UUID.test(projectId)
        ? await manager.findOneBy(Project, { id: projectId })
        : null;
    if (!project || project.providerId !== providerId) {
      throw new DomainError('unknown-project', 'the project does not belong to this provider', 'projectId');
    }
    return project.id;
  }

  private async record(
    manager: EntityManager,
    actor: OpportunityActor,
    action: string,
    id: string,
    before: Opportunity | null,
    after: Opportunity | null,
    note: string | null = null,
  ): Promise<void> {
    await this.audit.record(
      {
        staffUserId: actor.kind === 'staff' ? actor.staff.id : null,
        action,
        entityType: 'opportunity',
        entityId: id,
        details: {
          by: actor.kind,
          ...(note !== null ? { note } : {}),
          before: snapshot(before),
          after: snapshot(after),
        },
      },
      manager,
    );
  }

  private async recordProject(
    manager: EntityManager,
    actor: OpportunityActor,
    action: string,
    id: string,
    before: Project | null,
    after: Project | null,
  ): Promise<void> {
    await this.audit.record(
      {
        staffUserId: actor.kind === 'staff' ? actor.staff.id : null,
        action,
        entityType: 'project',
        entityId: id,
        details: { by: actor.kind, before: snapshot(before), after: snapshot(after) },
      },
      manager,
    );
  }
}

const ACTION_AUDIT: Record<OpportunityAction, string> = {
  publish: 'published',
  pause: 'paused',
  fill: 'filled',
  archive: 'archived',
  draft: 'returned-to-draft',
  approve: 'approved',
  reject: 'rejected',
  confirm: 'confirmed',
};

/** The audit actions this service writes (each has a console.timeline.audit label). */
export const OPPORTUNITY_AUDIT_ACTIONS = [
  'opportunity.created',
  'opportunity.updated',
  ...Object.values(ACTION_AUDIT).map((name) => `opportunity.${name}`),
  'project.created',
  'project.updated',
  'project.deleted',
];

function checkProject(
  input: { title?: unknown; description?: unknown },
  titleField = 'title',
): { title: string; description: string | null } {
  const problems: { field: string; message: string }[] = [];
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (title.length < PROJECT_TITLE.min || title.length > PROJECT_TITLE.max) {
    problems.push({
      field: titleField,
      message: `${titleField} must be ${PROJECT_TITLE.min} to ${PROJECT_TITLE.max} characters`,
    });
  }
  let description: string | null = null;
  if (input.description !== undefined && input.description !== null) {
    if (typeof input.description !== 'string' || input.description.length > PROJECT_DESCRIPTION) {
      problems.push({
        field: 'description',
        message: `description must be text of at most ${PROJECT_DESCRIPTION} characters`,
      });
    } else {
      description = input.description.trim() || null;
    }
  }
  if (problems.length > 0) {
    throw new RequestValidationError(problems);
  }
  return { title, description };
}
