import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { flattenValidationErrors, RequestValidationError } from '../common/validation';
import { AgencySetting } from '../settings/agency-setting.entity';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import {
  DEFAULT_RETENTION_SETTINGS,
  RETENTION_SETTINGS_KEY,
  type RetentionCounts,
  type RetentionSettings,
} from './domain/retention-periods';
import { RetentionSettingsDto } from './dto/retention-settings.dto';

export {
  DEFAULT_RETENTION_SETTINGS,
  type RetentionCounts,
  type RetentionSettings,
} from './domain/retention-periods';

const FIELDS = Object.keys(DEFAULT_RETENTION_SETTINGS) as (keyof RetentionSettings)[];

function valid(value: unknown): RetentionSettings | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const dto = plainToInstance(RetentionSettingsDto, value);
  return validateSync(dto, { whitelist: true }).length === 0
    ? (Object.fromEntries(FIELDS.map((field) => [field, dto[field]])) as unknown as RetentionSettings)
    : null;
}

/** The stored periods, or the defaults; for readers outside this module (the email composer). */
export async function loadRetentionSettings(dataSource: DataSource): Promise<RetentionSettings> {
  const [row] = await dataSource.query<{ value: unknown }[]>(
    `SELECT value FROM agency_setting WHERE key = $1`,
    [RETENTION_SETTINGS_KEY],
  );
  // A stored value that no longer validates (a rule changed in code) gives way to the defaults.
  return (row && valid(row.value)) ?? DEFAULT_RETENTION_SETTINGS;
}

/** The agency's retention periods (agency_setting "retention"), read fresh by the daily job. */
@Injectable()
export class RetentionSettingsService {
  constructor(
    // DataSource: both processes read the periods; the row belongs to agency_setting (settings feature).
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<RetentionSettings> {
    return loadRetentionSettings(this.dataSource);
  }

  /** The last runs of the job, newest first: what it did, as counts. */
  recentRuns(limit = 10): Promise<{ day: string; finishedAt: Date; counts: RetentionCounts }[]> {
    return this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, finished_at AS "finishedAt", counts
         FROM retention_run ORDER BY day DESC LIMIT $1`,
      [limit],
    );
  }

  /** Replaces the periods (validated again here) and audits before and after. */
  async update(input: RetentionSettingsDto, staff: AuthenticatedStaff): Promise<RetentionSettings> {
    const dto = plainToInstance(RetentionSettingsDto, input);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    const after = valid(input);
    if (errors.length > 0 || !after) {
      throw new RequestValidationError(flattenValidationErrors(errors));
    }
    const before = await this.get();
    await this.dataSource.transaction(async (manager) => {
      await manager.upsert(
        AgencySetting,
        { key: RETENTION_SETTINGS_KEY, value: after, updatedByStaffId: staff.id },
        ['key'],
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'settings.retention-updated',
          entityType: 'agency-setting',
          entityId: RETENTION_SETTINGS_KEY,
          details: { before: { ...before }, after: { ...after } },
        },
        manager,
      );
    });
    return after;
  }
}
