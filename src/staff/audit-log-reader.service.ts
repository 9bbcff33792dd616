import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, berlinInstant } from '../shared/berlin-time';
import type { AuditDetails } from './audit-log.entity';
import { AuditService } from './audit.service';
import type { AuthenticatedStaff } from './staff-auth.service';
import type { AuditLogQueryDto } from './dto/audit-log-query.dto';

export interface AuditLogRow {
  id: string;
  at: Date;
  staffUserId: string | null;
  /** Null for the system (jobs, self-service) or a staff account that no longer exists. */
  staffName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details: AuditDetails;
}

export interface AuditLogPage {
  entries: AuditLogRow[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export type AuditLogFilter = Omit<AuditLogQueryDto, 'cursor' | 'limit'>;

const DEFAULT_PAGE = 50;
const EXPORT_BATCH = 500;

/** The filter as SQL conditions on `a` (audit_log), each served by an index ending in (at, id). */
function whereOf(filter: AuditLogFilter, params: unknown[]): string[] {
  const conditions: string[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filter.staffUserId) {
    add((p) => `a.staff_user_id = ${p}`, filter.staffUserId);
  }
  if (filter.action) {
    add((p) => `a.action = ${p}`, filter.action);
  }
  if (filter.entityType) {
    add((p) => `a.entity_type = ${p}`, filter.entityType);
  }
  if (filter.entityId) {
    add((p) => `a.entity_id = ${p}`, filter.entityId);
  }
  // Whole days in the agency's time zone: "to" includes its last day.
  if (filter.from) {
    add((p) => `a.at >= ${p}`, berlinInstant(filter.from, '00:00'));
  }
  if (filter.to) {
    add((p) => `a.at < ${p}`, berlinInstant(addDays(filter.to, 1), '00:00'));
  }
  return conditions;
}

/**
 * The audit log as admins read it: filtered, newest first, in keyset pages (the cursor is the last
 * entry's id, compared by (at, id) so equal times neither repeat nor vanish between pages).
 */
@Injectable()
export class AuditLogReader {
  constructor(
    // DataSource: the log is read with the staff member's name beside each entry (one join).
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async page(query: AuditLogQueryDto): Promise<AuditLogPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const entries = await this.rows(query, query.cursor ?? null, limit + 1);
    const more = entries.length > limit;
    const shown = more ? entries.slice(0, limit) : entries;
    return { entries: shown, nextCursor: more ? shown[shown.length - 1].id : null };
  }

  /**
   * Every entry the filter matches, in batches (keyset), for a streamed export: memory stays at one
   * batch however many entries match. The export is audited before the first row is read.
   */
  async export(filter: AuditLogFilter, staff: AuthenticatedStaff): Promise<AsyncGenerator<AuditLogRow[]>> {
    await this.audit.record({
      staffUserId: staff.id,
      action: 'audit-log.exported',
      entityType: 'audit-log',
      entityId: 'export',
      details: {
        filter: Object.fromEntries(
          Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        ),
      },
    });
    return this.batches(filter);
  }

  private async *batches(filter: AuditLogFilter): AsyncGenerator<AuditLogRow[]> {
    let cursor: string | null = null;
    for (;;) {
      const batch = await this.rows(filter, cursor, EXPORT_BATCH);
      if (batch.length > 0) {
        yield batch;
      }
      if (batch.length < EXPORT_BATCH) {
        return;
      }
      cursor = batch[batch.length - 1].id;
    }
  }

  /** Staff members who appear as actors, for the filter's choices (deleted accounts have none). */
  staffChoices(): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(`SELECT id, name FROM staff_user ORDER BY name, id`);
  }

  private rows(filter: AuditLogFilter, cursor: string | null, limit: number): Promise<AuditLogRow[]> {
    const params: unknown[] = [];
    const conditions = whereOf(filter, params);
    if (cursor) {
      params.push(cursor);
      conditions.push(`(a.at, a.id) < (SELECT c.at, c.id FROM audit_log c WHERE c.id = $${params.length})`);
    }
    params.push(limit);
    return this.dataSource.query<AuditLogRow[]>(
      `SELECT a.id::text AS id, a.at, a.staff_user_id AS "staffUserId", s.name AS "staffName",
              a.action, a.entity_type AS "entityType", a.entity_id AS "entityId", a.details
         FROM audit_log a
         LEFT JOIN staff_user s ON s.id = a.staff_user_id
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY a.at DESC, a.id DESC
        LIMIT $${params.length}`,
      params,
    );
  }
}
