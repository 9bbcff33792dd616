import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestValidationError } from '../common/validation';
import { berlinDateOf } from '../shared/berlin-time';
import { ConflictError, DomainError, NotFoundError } from '../shared/domain-error';
import type { RequestSchedule } from '../shared/schedule';
import type { AuditDetails } from '../staff/audit-log.entity';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { HourEntry } from './hour-entry.entity';
import {
  checkHourInput,
  checkMinutes,
  latestOccurrence,
  totalsByYear,
  type HourInput,
  type HourProblem,
  type HourTarget,
} from './domain/hour-rules';
import { HoursSettingsService } from './hours-settings.service';
import { thresholdMet } from './domain/hours-settings';

/** Something a volunteer can log hours for: their accepted assignment, their placement, or the agency. */
export interface HourTargetRow {
  target: HourTarget;
  /** Help category key (assignments) or opportunity title (placements); null for general. */
  category: string | null;
  opportunityTitle: string | null;
  hostName: string | null;
  district: string | null;
  /** ISO weekdays of weekly help; empty when not weekly. */
  weekdays: number[];
  /** First day the help could happen. */
  from: string | null;
}

export interface HourEntryRow {
  id: string;
  volunteerId: string;
  volunteerName?: string;
  matchId: string | null;
  placementId: string | null;
  workedOn: string;
  minutes: number;
  originalMinutes: number | null;
  activity: string | null;
  status: HourEntry['status'];
  enteredBy: HourEntry['enteredBy'];
  createdAt: Date;
  category: string | null;
  opportunityTitle: string | null;
  hostName: string | null;
}

export interface HoursSummary {
  volunteerId: string;
  approvedMinutes: number;
  submittedMinutes: number;
  years: { year: number; minutes: number; byKey: { key: string; minutes: number }[] }[];
}

export interface ProofLine {
  kind: 'match' | 'placement' | 'general';
  /** Category key (assignments) or opportunity title (placements). */
  what: string | null;
  /** District (assignments) or host organisation (placements). */
  where: string | null;
  district: string | null;
  minutes: number;
  days: number;
  firstOn: string;
  lastOn: string;
}

export interface ProofData {
  volunteer: { id: string; name: string; locale: string };
  from: string;
  to: string;
  lines: ProofLine[];
  approvedMinutes: number;
  cardName: string;
  hoursPerYear: number;
  thresholdMet: boolean | null;
}

const periodDays = (period: { from: string; to: string }): number =>
  (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000 + 1;

/** Problems as the API names them (English); the web forms translate the codes themselves. */
const PROBLEM_TEXT: Record<HourProblem['code'], string> = {
  'date-invalid': 'must be a calendar date (YYYY-MM-DD)',
  'date-future': 'must not lie in the future',
  'date-too-old': 'must lie within the last 400 days',
  'minutes-invalid': 'must be whole minutes from 1 to 1440',
  'activity-too-long': 'must be at most 200 characters',
  'target-invalid': 'must be "general", "match:<id>" or "placement:<id>" of the volunteer',
};

export const problemsAsErrors = (problems: HourProblem[]) =>
  problems.map((problem) => ({ field: problem.field, message: PROBLEM_TEXT[problem.code] }));

const ENTRY_COLUMNS = `e.id, e.volunteer_id AS "volunteerId", v.name AS "volunteerName", e.match_id AS "matchId",
  e.placement_id AS "placementId", to_char(e.worked_on, 'YYYY-MM-DD') AS "workedOn", e.minutes,
  e.original_minutes AS "originalMinutes", e.activity, e.status, e.entered_by AS "enteredBy",
  e.created_at AS "createdAt", r.category, o.title AS "opportunityTitle", pr.name AS "hostName"`;

const ENTRY_JOINS = `FROM hour_entry e JOIN volunteer v ON v.id = e.volunteer_id
  LEFT JOIN match m ON m.id = e.match_id LEFT JOIN help_request r ON r.id = m.request_id
  LEFT JOIN placement p ON p.id = e.placement_id LEFT JOIN opportunity o ON o.id = p.opportunity_id
  LEFT JOIN provider pr ON pr.id = o.provider_id`;

const weekdaysOf = (
  pattern: RequestSchedule | { kind: string; slots?: { weekday: number }[] } | null,
): number[] =>
  pattern && pattern.kind === 'weekly' && Array.isArray(pattern.slots)
    ? [...new Set(pattern.slots.map((slot) => slot.weekday))]
    : [];

const snapshot = (entry: HourEntry): AuditDetails => ({
  volunteerId: entry.volunteerId,
  workedOn: entry.workedOn,
  minutes: entry.minutes,
  originalMinutes: entry.originalMinutes,
  status: entry.status,
  matchId: entry.matchId,
  placementId: entry.placementId,
});

/**
 * Hours volunteers gave: logged by the volunteer through their link (submitted) or by staff
 * (approved at once); staff approve, correct (the volunteer's value stays in originalMinutes) or
 * reject, each audited. Only approved hours count in totals and in the Engagementnachweis.
 */
@Injectable()
export class HoursService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly settings: HoursSettingsService,
  ) {}

  /** What the volunteer can log hours for: accepted assignments, started or ended placements, general. */
  async targets(volunteerId: string, db: EntityManager = this.dataSource.manager): Promise<HourTargetRow[]> {
    const matches = await db.query<
      {
        id: string;
        category: string;
        district: string | null;
        schedule: RequestSchedule;
        startsAt: Date | null;
      }[]
    >(
      `SELECT m.id, r.category, r.district, r.schedule, r.starts_at AS "startsAt"
         FROM match m JOIN help_request r ON r.id = m.request_id
        WHERE m.volunteer_id = $1 AND m.status = 'accepted'
        ORDER BY m.responded_at DESC NULLS LAST, m.id LIMIT 100`,
      [volunteerId],
    );
    const placements = await db.query<
      {
        id: string;
        title: string;
        hostName: string;
        district: string | null;
        timePattern: { kind: string; slots?: { weekday: number }[] };
        startedOn: string | null;
      }[]
    >(
      `SELECT p.id, o.title, pr.name AS "hostName", o.district, o.time_pattern AS "timePattern",
              to_char(p.started_on, 'YYYY-MM-DD') AS "startedOn"
         FROM placement p JOIN opportunity o ON o.id = p.opportunity_id JOIN provider pr ON pr.id = o.provider_id
        WHERE p.volunteer_id = $1 AND p.stage IN ('started', 'ended')
        ORDER BY p.started_on DESC NULLS LAST, p.id LIMIT 100`,
      [volunteerId],
    );
    return [
      ...placements.map((row): HourTargetRow => ({
        target: { kind: 'placement', id: row.id },
        category: null,
        opportunityTitle: row.title,
        hostName: row.hostName,
        district: row.district,
        weekdays: weekdaysOf(row.timePattern),
        from: row.startedOn,
      })),
      ...matches.map((row): HourTargetRow => ({
        target: { kind: 'match', id: row.id },
        category: row.category,
        opportunityTitle: null,
        hostName: null,
        district: row.district,
        weekdays: weekdaysOf(row.schedule),
        from:
          row.schedule.kind === 'weekly'
            ? (row.schedule.from ?? null)
            : row.schedule.kind === 'one-off'
              ? row.schedule.date
              : null,
      })),
      {
        target: { kind: 'general' },
        category: null,
        opportunityTitle: null,
        hostName: null,
        district: null,
        weekdays: [],
        from: null,
      },
    ];
  }

  /**
   * Logs hours. By the volunteer (`staff` null): submitted, waiting for approval. By staff:
   * approved at once, audited. 400 naming the field for bad input; nothing is stored then.
   */
  async log(
    volunteerId: string,
    raw: { workedOn: unknown; minutes: unknown; activity?: unknown; target: unknown },
    staff: AuthenticatedStaff | null,
    now = new Date(),
  ): Promise<HourEntryRow> {
    const check = checkHourInput({ ...raw, activity: raw.activity }, berlinDateOf(now));
    if (!check.ok) {
      throw new RequestValidationError(problemsAsErrors(check.problems));
    }
    const id = await this.dataSource.transaction(async (manager) => {
      await this.assertVolunteer(manager, volunteerId);
      await this.assertOwnTarget(manager, volunteerId, check.value.target);
      return this.insert(manager, volunteerId, check.value, staff);
    });
    return this.entry(id);
  }

  /**
   * "Wie immer": for weekly help (an accepted weekly assignment or a started placement with a weekly
   * pattern), an entry for its latest day on or before today with the minutes of the last approved
   * entry for it. Idempotent per day: a second click returns the entry already there.
   */
  async asUsual(
    volunteerId: string,
    rawTarget: HourTarget,
    now = new Date(),
  ): Promise<{ entry: HourEntryRow; created: boolean }> {
    const today = berlinDateOf(now);
    const result = await this.dataSource.transaction(async (manager) => {
      // One "as usual" per volunteer at a time: the existence check and the insert cannot race.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('hours-as-usual'), hashtext($1))`, [
        volunteerId,
      ]);
      const targets = await this.targets(volunteerId, manager);
      const target = targets.find(
        (row) =>
          row.target.kind === rawTarget.kind &&
          'id' in row.target &&
          'id' in rawTarget &&
          row.target.id === rawTarget.id,
      );
      if (!target || target.target.kind === 'general') {
        throw new DomainError(
          'as-usual-unavailable',
          'no weekly assignment or placement of this volunteer',
          'target',
        );
      }
      const column = target.target.kind === 'match' ? 'match_id' : 'placement_id';
      const [last] = await manager.query<{ minutes: number; activity: string | null }[]>(
        `SELECT minutes, activity FROM hour_entry WHERE volunteer_id = $1 AND ${column} = $2 AND status = 'approved'
          ORDER BY worked_on DESC, created_at DESC LIMIT 1`,
        [volunteerId, target.target.id],
      );
      const day = latestOccurrence(target.weekdays, today, target.from);
      if (!last || !day) {
        throw new DomainError(
          'as-usual-unavailable',
          'no approved entry yet, or no weekly day to log',
          'target',
        );
      }
      const [existing] = await manager.query<{ id: string }[]>(
        `SELECT id FROM hour_entry WHERE volunteer_id = $1 AND ${column} = $2 AND worked_on = $3 AND status <> 'rejected' LIMIT 1`,
        [volunteerId, target.target.id, day],
      );
      if (existing) {
        return { id: existing.id, created: false };
      }
      const id = await this.insert(
        manager,
        volunteerId,
        { workedOn: day, minutes: last.minutes, activity: last.activity, target: target.target },
        null,
      );
      return { id, created: true };
    });
    return { entry: await this.entry(result.id), created: result.created };
  }

  /** What "wie immer" would log now, per target: the day and minutes, or nothing. */
  async asUsualOffers(
    volunteerId: string,
    now = new Date(),
  ): Promise<{ target: HourTarget; workedOn: string; minutes: number; done: boolean }[]> {
    const today = berlinDateOf(now);
    const offers = [];
    for (const target of await this.targets(volunteerId)) {
      if (target.target.kind === 'general') {
        continue;
      }
      const day = latestOccurrence(target.weekdays, today, target.from);
      if (!day) {
        continue;
      }
      const column = target.target.kind === 'match' ? 'match_id' : 'placement_id';
      const [last] = await this.dataSource.query<{ minutes: number }[]>(
        `SELECT minutes FROM hour_entry WHERE volunteer_id = $1 AND ${column} = $2 AND status = 'approved'
          ORDER BY worked_on DESC, created_at DESC LIMIT 1`,
        [volunteerId, target.target.id],
      );
      if (!last) {
        continue;
      }
      const [existing] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM hour_entry WHERE volunteer_id = $1 AND ${column} = $2 AND worked_on = $3 AND status <> 'rejected' LIMIT 1`,
        [volunteerId, target.target.id, day],
      );
      offers.push({
        target: target.target,
        workedOn: day,
        minutes: last.minutes,
        done: existing !== undefined,
      });
    }
    return offers;
  }

  async approve(id: string, staff: AuthenticatedStaff): Promise<HourEntryRow> {
    return this.review(id, staff, 'hours.approved', (entry) => {
      entry.status = 'approved';
    });
  }

  async reject(id: string, staff: AuthenticatedStaff): Promise<HourEntryRow> {
    return this.review(id, staff, 'hours.rejected', (entry) => {
      entry.status = 'rejected';
    });
  }

  /** Corrects the minutes and approves; the first value the volunteer gave stays in originalMinutes. */
  async correct(id: string, minutes: unknown, staff: AuthenticatedStaff): Promise<HourEntryRow> {
    if (!checkMinutes(minutes)) {
      throw new RequestValidationError([{ field: 'minutes', message: PROBLEM_TEXT['minutes-invalid'] }]);
    }
    return this.review(id, staff, 'hours.corrected', (entry) => {
      if (entry.minutes !== minutes) {
        entry.originalMinutes = entry.originalMinutes ?? entry.minutes;
        entry.minutes = minutes;
      }
      entry.status = 'approved';
    });
  }

  /** Approves several submitted entries; those no longer waiting are skipped. Returns how many. */
  async approveMany(ids: string[], staff: AuthenticatedStaff): Promise<number> {
    let approved = 0;
    for (const id of [...new Set(ids)]) {
      try {
        await this.approve(id, staff);
        approved++;
      } catch (error) {
        if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) {
          throw error;
        }
      }
    }
    return approved;
  }

  async entry(id: string): Promise<HourEntryRow> {
    const [row] = await this.dataSource.query<HourEntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} ${ENTRY_JOINS} WHERE e.id = $1`,
      [id],
    );
    if (!row) {
      throw new NotFoundError('hour entry', id);
    }
    return row;
  }

  /** Entries, newest day first; `submitted` lists the waiting ones, oldest first (the approval queue). */
  async list(filter: {
    volunteerId?: string;
    status?: HourEntry['status'];
    limit?: number;
  }): Promise<HourEntryRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.volunteerId) {
      params.push(filter.volunteerId);
      where.push(`e.volunteer_id = $${params.length}`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`e.status = $${params.length}`);
    }
    const order =
      filter.status === 'submitted' ? 'e.created_at ASC, e.id' : 'e.worked_on DESC, e.created_at DESC';
    const limit = Math.min(Math.max(filter.limit ?? 200, 1), 500);
    return this.dataSource.query<HourEntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} ${ENTRY_JOINS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT ${limit}`,
      params,
    );
  }

  /** Approved totals by year and by what (category, opportunity, or general); waiting minutes apart. */
  async summary(volunteerId: string): Promise<HoursSummary> {
    await this.assertVolunteer(this.dataSource.manager, volunteerId);
    const rows = await this.dataSource.query<
      {
        workedOn: string;
        minutes: number;
        status: string;
        category: string | null;
        opportunityTitle: string | null;
      }[]
    >(
      `SELECT to_char(e.worked_on, 'YYYY-MM-DD') AS "workedOn", e.minutes, e.status, r.category, o.title AS "opportunityTitle"
         FROM hour_entry e LEFT JOIN match m ON m.id = e.match_id LEFT JOIN help_request r ON r.id = m.request_id
         LEFT JOIN placement p ON p.id = e.placement_id LEFT JOIN opportunity o ON o.id = p.opportunity_id
        WHERE e.volunteer_id = $1 AND e.status <> 'rejected'`,
      [volunteerId],
    );
    const approved = rows.filter((row) => row.status === 'approved');
    return {
      volunteerId,
      approvedMinutes: approved.reduce((sum, row) => sum + row.minutes, 0),
      submittedMinutes: rows
        .filter((row) => row.status === 'submitted')
        .reduce((sum, row) => sum + row.minutes, 0),
      years: totalsByYear(
        approved.map((row) => ({
          workedOn: row.workedOn,
          minutes: row.minutes,
          key: row.category
            ? `category:${row.category}`
            : row.opportunityTitle
              ? `opportunity:${row.opportunityTitle}`
              : 'general',
        })),
      ),
    };
  }

  /**
   * The Engagementnachweis' content: approved hours only, grouped by what and where (help category
   * and district for assignments, opportunity and host for placements). No help-seeker's name, no
   * description of their situation. `staff` given: the print is audited.
   */
  async proof(
    volunteerId: string,
    period: { from: string; to: string },
    staff: AuthenticatedStaff | null,
  ): Promise<ProofData> {
    const [volunteer] = await this.dataSource.query<{ id: string; name: string; locale: string }[]>(
      `SELECT id, name, locale FROM volunteer WHERE id = $1 AND erased_at IS NULL`,
      [volunteerId],
    );
    if (!volunteer) {
      throw new NotFoundError('volunteer', volunteerId);
    }
    const lines = await this.dataSource.query<
      (ProofLine & { minutes: string | number; days: string | number })[]
    >(
      `SELECT CASE WHEN e.match_id IS NOT NULL THEN 'match' WHEN e.placement_id IS NOT NULL THEN 'placement' ELSE 'general' END AS kind,
              COALESCE(r.category, o.title) AS what, pr.name AS "where", COALESCE(r.district, o.district) AS district,
              SUM(e.minutes) AS minutes, COUNT(DISTINCT e.worked_on) AS days,
              to_char(MIN(e.worked_on), 'YYYY-MM-DD') AS "firstOn", to_char(MAX(e.worked_on), 'YYYY-MM-DD') AS "lastOn"
         FROM hour_entry e LEFT JOIN match m ON m.id = e.match_id LEFT JOIN help_request r ON r.id = m.request_id
         LEFT JOIN placement p ON p.id = e.placement_id LEFT JOIN opportunity o ON o.id = p.opportunity_id
         LEFT JOIN provider pr ON pr.id = o.provider_id
        WHERE e.volunteer_id = $1 AND e.status = 'approved' AND e.worked_on BETWEEN $2 AND $3
        GROUP BY 1, 2, 3, 4 ORDER BY SUM(e.minutes) DESC, 2`,
      [volunteerId, period.from, period.to],
    );
    const approvedMinutes = lines.reduce((sum, line) => sum + Number(line.minutes), 0);
    const settings = await this.settings.get();
    if (staff) {
      await this.audit.record({
        staffUserId: staff.id,
        action: 'hours.proof-printed',
        entityType: 'volunteer',
        entityId: volunteerId,
        details: { from: period.from, to: period.to, approvedMinutes },
      });
    }
    return {
      volunteer,
      from: period.from,
      to: period.to,
      lines: lines.map((line) => ({ ...line, minutes: Number(line.minutes), days: Number(line.days) })),
      approvedMinutes,
      cardName: settings.cardName,
      hoursPerYear: settings.hoursPerYear,
      // The card counts hours per year: a statement only for a period of at most a year.
      thresholdMet: periodDays(period) <= 366 ? thresholdMet(settings, approvedMinutes) : null,
    };
  }

  /** The volunteer's name (404 when there is none, or they were erased). */
  async volunteerName(volunteerId: string): Promise<[string]> {
    const [row] = await this.dataSource.query<{ name: string }[]>(
      `SELECT name FROM volunteer WHERE id = $1 AND erased_at IS NULL`,
      [volunteerId],
    );
    if (!row) {
      throw new NotFoundError('volunteer', volunteerId);
    }
    return [row.name];
  }

  private async review(
    id: string,
    staff: AuthenticatedStaff,
    action: string,
    change: (entry: HourEntry) => void,
  ): Promise<HourEntryRow> {
    await this.dataSource.transaction(async (manager) => {
      const entry = await manager.findOne(HourEntry, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!entry) {
        throw new NotFoundError('hour entry', id);
      }
      if (action === 'hours.approved' && entry.status !== 'submitted') {
        throw new ConflictError(`the entry is ${entry.status}, not waiting for approval`);
      }
      const before = snapshot(entry);
      change(entry);
      entry.reviewedByStaffId = staff.id;
      entry.reviewedAt = new Date();
      await manager.save(entry);
      await this.audit.record(
        {
          staffUserId: staff.id,
          action,
          entityType: 'hour-entry',
          entityId: id,
          details: { before, after: snapshot(entry) },
        },
        manager,
      );
    });
    return this.entry(id);
  }

  private async insert(
    manager: EntityManager,
    volunteerId: string,
    input: HourInput,
    staff: AuthenticatedStaff | null,
  ): Promise<string> {
    const entry = manager.create(HourEntry, {
      volunteerId,
      matchId: input.target.kind === 'match' ? input.target.id : null,
      placementId: input.target.kind === 'placement' ? input.target.id : null,
      workedOn: input.workedOn,
      minutes: input.minutes,
      activity: input.activity,
      status: staff ? 'approved' : 'submitted',
      enteredBy: staff ? 'staff' : 'volunteer',
      enteredByStaffId: staff?.id ?? null,
      reviewedByStaffId: staff?.id ?? null,
      reviewedAt: staff ? new Date() : null,
      originalMinutes: null,
    });
    const saved = await manager.save(entry);
    if (staff) {
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'hours.entered',
          entityType: 'hour-entry',
          entityId: saved.id,
          details: { after: snapshot(saved) },
        },
        manager,
      );
    }
    return saved.id;
  }

  private async assertVolunteer(manager: EntityManager, volunteerId: string): Promise<void> {
    const [row] = await manager.query<unknown[]>(
      `SELECT 1 FROM volunteer WHERE id = $1 AND erased_at IS NULL`,
      [volunteerId],
    );
    if (!row) {
      throw new NotFoundError('volunteer', volunteerId);
    }
  }

  /** The match or placement must be the volunteer's own, accepted or started (or ended). */
  private async assertOwnTarget(
    manager: EntityManager,
    volunteerId: string,
    target: HourTarget,
  ): Promise<void> {
    if (target.kind === 'general') {
      return;
    }
    const sql =
      target.kind === 'match'
        ? `SELECT 1 FROM match WHERE id = $1 AND volunteer_id = $2 AND status = 'accepted'`
        : `SELECT 1 FROM placement WHERE id = $1 AND volunteer_id = $2 AND stage IN ('started', 'ended')`;
    const [row] = await manager.query<unknown[]>(sql, [target.id, volunteerId]);
    if (!row) {
      throw new RequestValidationError(problemsAsErrors([{ field: 'target', code: 'target-invalid' }]));
    }
  }
}
