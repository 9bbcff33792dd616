import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../staff/audit.service';

export type StayOutcome = 'stayed' | 'unknown';

/** A volunteer's answer to the retention email: "I want to stay" resets their inactivity clock. */
@Injectable()
export class RetentionAnswersService {
  constructor(
    // DataSource: the answer writes the check row and the audit entry in one transaction.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The language to answer in and the volunteer's current link version, or null when the link
   * names no one who can answer (erased).
   */
  async answerer(volunteerId: string): Promise<{ locale: string; linkVersion: number } | null> {
    const [row] = await this.dataSource.query<{ locale: string; linkVersion: number }[]>(
      `SELECT locale, link_version AS "linkVersion" FROM volunteer WHERE id = $1 AND erased_at IS NULL`,
      [volunteerId],
    );
    return row ?? null;
  }

  /** Records "stay" (repeating it changes nothing but the time); the clock starts again now. */
  confirmStay(volunteerId: string): Promise<StayOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [volunteer] = await manager.query<unknown[]>(
        `SELECT 1 FROM volunteer WHERE id = $1 AND erased_at IS NULL FOR UPDATE`,
        [volunteerId],
      );
      if (!volunteer) {
        return 'unknown';
      }
      await manager.query(
        `INSERT INTO volunteer_retention_check (volunteer_id, asked_at, stay_confirmed_at) VALUES ($1, now(), now())
         ON CONFLICT (volunteer_id) DO UPDATE SET stay_confirmed_at = now()`,
        [volunteerId],
      );
      await this.audit.record(
        {
          staffUserId: null,
          action: 'volunteer.retention-stayed',
          entityType: 'volunteer',
          entityId: volunteerId,
        },
        manager,
      );
      return 'stayed';
    });
  }
}
