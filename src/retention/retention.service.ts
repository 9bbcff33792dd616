import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOSED_REQUEST_STATUSES } from '../help-seekers/domain/request-status';
import { ERASED_NAME, HelpSeekerRightsService } from '../help-seekers/help-seeker-rights.service';
import { derivedUuid } from '../notifications/domain/notification-keys';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { OutboxService } from '../queue/outbox.service';
import { berlinDateOf } from '../shared/berlin-time';
import { ConflictError } from '../shared/domain-error';
import { AuditService } from '../staff/audit.service';
import { SelfServiceService } from '../volunteers/self-service.service';
import {
  NO_COUNTS,
  retentionCutoffs,
  type RetentionCounts,
  type RetentionCutoffs,
} from './domain/retention-periods';
import { RetentionSettingsService } from './retention-settings.service';

export type RetentionOutcome =
  | { ran: true; day: string; counts: RetentionCounts }
  | { ran: false; day: string; reason: 'already-ran' | 'running-elsewhere' };

/** Rows handled per statement, so no run holds long locks or large result sets. */
const BATCH = 200;
const AUDIT_BATCH = 5000;
/** Session-level advisory lock: one run at a time across every worker. */
const RUN_LOCK = 'nahbar:retention';
const CLOSED_SQL = CLOSED_REQUEST_STATUSES.map((status) => `'${status}'`).join(', ');

/** One retention email per volunteer and ask (a second ask after "stay" is a new email). */
export const retentionCheckKey = (volunteerId: string, askedAt: Date): string =>
  derivedUuid('retention-check', volunteerId, askedAt.toISOString());

/**
 * A volunteer's last sign of life: the row's own changes (self-service, confirmation), answers to
 * offers, accepted assignments (and their requests' closing), and a "stay" answer.
 */
const VOLUNTEER_ACTIVITY = `GREATEST(
    v.created_at, v.updated_at, v.email_confirmed_at, rc.stay_confirmed_at,
    (SELECT max(GREATEST(m.responded_at,
                         CASE WHEN m.status = 'accepted' THEN GREATEST(m.updated_at, r.closed_at) END))
       FROM match m JOIN help_request r ON r.id = m.request_id
      WHERE m.volunteer_id = v.id))`;

/**
 * The daily retention job (GDPR Art. 5(1)(e) storage limitation): anonymises help-seekers whose
 * cases closed long ago, asks long-inactive volunteers whether to stay and anonymises those who do
 * not answer, and strips old audit details. It reuses the erasures staff and volunteers use, so
 * statistics stay. Runs once per Berlin day, whatever number of workers start it; every step is
 * idempotent, so a run cut short is completed by the next one.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    // DataSource: the job finds due rows across help-seekers, volunteers, matches and the audit log.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: RetentionSettingsService,
    private readonly helpSeekerRights: HelpSeekerRightsService,
    private readonly selfService: SelfServiceService,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async run(now = new Date()): Promise<RetentionOutcome> {
    const day = berlinDateOf(now);
    const lockRunner = this.dataSource.createQueryRunner();
    await lockRunner.connect();
    try {
      const [{ locked }] = (await lockRunner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
        RUN_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) {
        return { ran: false, day, reason: 'running-elsewhere' };
      }
      try {
        const [done] = await this.dataSource.query<unknown[]>(`SELECT 1 FROM retention_run WHERE day = $1`, [
          day,
        ]);
        if (done) {
          return { ran: false, day, reason: 'already-ran' };
        }
        const counts = await this.work(now);
        await this.dataSource.transaction(async (manager) => {
          await manager.query(`INSERT INTO retention_run (day, started_at, counts) VALUES ($1, $2, $3)`, [
            day,
            now,
            JSON.stringify(counts),
          ]);
          await this.audit.record(
            {
              staffUserId: null,
              action: 'retention.ran',
              entityType: 'retention-run',
              entityId: day,
              details: { ...counts },
            },
            manager,
          );
        });
        // Counts only: no names, addresses or ids in the log.
        this.logger.log(`retention ${day}: ${JSON.stringify(counts)}`);
        return { ran: true, day, counts };
      } finally {
        await lockRunner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [RUN_LOCK]);
      }
    } finally {
      await lockRunner.release();
    }
  }

  private async work(now: Date): Promise<RetentionCounts> {
    const cutoffs = retentionCutoffs(now, await this.settings.get());
    const counts: RetentionCounts = { ...NO_COUNTS };
    await this.closedCases(cutoffs, counts);
    await this.inactiveVolunteers(now, cutoffs, counts);
    // Last: the erasures above empty details of their own.
    counts.auditEntriesStripped = await this.stripAuditDetails(cutoffs);
    return counts;
  }

  /** Help-seekers whose every case closed before the cut-off (and who are not yet anonymised). */
  private async closedCases(cutoffs: RetentionCutoffs, counts: RetentionCounts): Promise<void> {
    const deferred = new Set<string>();
    for (;;) {
      const due = await this.dataSource.query<{ id: string }[]>(
        `SELECT hs.id FROM help_seeker hs
          WHERE NOT (hs.name = $1 AND hs.phone IS NULL AND hs.email IS NULL AND hs.street_address IS NULL)
            AND EXISTS (SELECT 1 FROM help_request r WHERE r.help_seeker_id = hs.id)
            AND NOT EXISTS (
                  SELECT 1 FROM help_request r
                   WHERE r.help_seeker_id = hs.id
                     AND (r.status NOT IN (${CLOSED_SQL}) OR r.closed_at IS NULL OR r.closed_at >= $2))
            AND NOT (hs.id = ANY($3::uuid[]))
          ORDER BY hs.id
          LIMIT ${BATCH}`,
        [ERASED_NAME, cutoffs.closedCasesBefore, [...deferred]],
      );
      for (const { id } of due) {
        try {
          await this.helpSeekerRights.erase(id, null, 'retention');
          counts.helpSeekersAnonymised += 1;
        } catch (error) {
          // An open call task still needs the number: the next run tries again.
          if (!(error instanceof ConflictError)) {
            throw error;
          }
          deferred.add(id);
          counts.helpSeekersDeferred += 1;
        }
      }
      if (due.length < BATCH) {
        return;
      }
    }
  }

  /**
   * Volunteers inactive since the cut-off are asked once (email in their language with a signed
   * "stay" link); those asked before the answer period and silent since are anonymised.
   */
  private async inactiveVolunteers(
    now: Date,
    cutoffs: RetentionCutoffs,
    counts: RetentionCounts,
  ): Promise<void> {
    for (;;) {
      const silent = await this.dataSource.query<{ id: string }[]>(
        `SELECT v.id FROM volunteer v JOIN volunteer_retention_check rc ON rc.volunteer_id = v.id
          WHERE v.erased_at IS NULL AND rc.asked_at < $1 AND rc.asked_at >= ${VOLUNTEER_ACTIVITY}
          ORDER BY v.id LIMIT ${BATCH}`,
        [cutoffs.askedBefore],
      );
      for (const { id } of silent) {
        if ((await this.selfService.erase(id)) === 'erased') {
          counts.volunteersAnonymised += 1;
        }
      }
      if (silent.length < BATCH) {
        break;
      }
    }
    for (;;) {
      const inactive = await this.dataSource.query<{ id: string; email: string; locale: string }[]>(
        `SELECT v.id, v.email, v.locale FROM volunteer v
           LEFT JOIN volunteer_retention_check rc ON rc.volunteer_id = v.id
          WHERE v.erased_at IS NULL AND ${VOLUNTEER_ACTIVITY} < $1
            AND (rc.asked_at IS NULL OR rc.asked_at < ${VOLUNTEER_ACTIVITY})
          ORDER BY v.id LIMIT ${BATCH}`,
        [cutoffs.volunteersInactiveBefore],
      );
      const jobIds: (string | null)[] = [];
      for (const volunteer of inactive) {
        jobIds.push(
          await this.dataSource.transaction(async (manager) => {
            await manager.query(
              `INSERT INTO volunteer_retention_check (volunteer_id, asked_at) VALUES ($1, $2)
               ON CONFLICT (volunteer_id) DO UPDATE SET asked_at = EXCLUDED.asked_at`,
              [volunteer.id, now],
            );
            await this.audit.record(
              {
                staffUserId: null,
                action: 'volunteer.retention-asked',
                entityType: 'volunteer',
                entityId: volunteer.id,
              },
              manager,
            );
            return this.notifications.queue(manager, {
              kind: 'volunteer-retention-check',
              subjectId: retentionCheckKey(volunteer.id, now),
              recipient: volunteer.email,
              locale: volunteer.locale,
            });
          }),
        );
        counts.volunteersAsked += 1;
      }
      this.outbox.relaySoon(jobIds);
      if (inactive.length < BATCH) {
        return;
      }
    }
  }

  /** Before/after details of old entries go; the entry (who, what, which record, when) stays. */
  private async stripAuditDetails(cutoffs: RetentionCutoffs): Promise<number> {
    let stripped = 0;
    for (;;) {
      const rows = await this.dataSource.query<unknown[]>(
        `UPDATE audit_log SET details = '{}'::jsonb
          WHERE id IN (SELECT id FROM audit_log WHERE at < $1 AND details <> '{}'::jsonb LIMIT ${AUDIT_BATCH})
          RETURNING id`,
        [cutoffs.auditDetailsBefore],
      );
      const count = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
      stripped += count;
      if (count < AUDIT_BATCH) {
        return stripped;
      }
    }
  }
}
