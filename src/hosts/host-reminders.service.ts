import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hostReviewReminderKey } from './host-notification-keys';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { OutboxService } from '../queue/outbox.service';
import { PlacementSettingsService } from '../settings/placement-settings.service';
import { addDays, berlinDateOf } from '../shared/berlin-time';

const DAY_MS = 24 * 3600_000;
const BATCH = 500;

/**
 * The hosts jobs (docs/hosts.md). Reminders are written to the outbox with unique keys (a second
 * run finds them and writes nothing) under SKIP LOCKED, so two workers share the work; pausing
 * overdue opportunities is one conditional UPDATE, harmless twice.
 */
@Injectable()
export class HostRemindersService {
  private readonly logger = new Logger(HostRemindersService.name);

  constructor(
    // DataSource, not repositories: a scan across placements, opportunities and providers, written with the outbox.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: PlacementSettingsService,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
  ) {}

  async remind(now = new Date()): Promise<{ proposals: number; reviews: number }> {
    const { hostReminderDays, reviewReminderDays } = await this.settings.get();
    const jobIds: (string | null)[] = [];
    const proposals = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string; email: string; locale: string }[]>(
        `SELECT pl.id, coalesce(nullif(trim(o.contact_email), ''), p.email) AS email, p.locale
           FROM placement pl
           JOIN opportunity o ON o.id = pl.opportunity_id
           JOIN provider p ON p.id = o.provider_id
          WHERE pl.stage = 'proposed' AND pl.stage_changed_at < $1
            AND NOT EXISTS (SELECT 1 FROM notification n
                             WHERE n.kind = 'host-proposal-reminder' AND n.subject_id = pl.id)
          ORDER BY pl.stage_changed_at
          LIMIT ${BATCH}
          FOR UPDATE OF pl SKIP LOCKED`,
        [new Date(now.getTime() - hostReminderDays * DAY_MS)],
      );
      for (const row of rows) {
        jobIds.push(
          await this.notifications.queue(manager, {
            kind: 'host-proposal-reminder',
            subjectId: row.id,
            recipient: row.email,
            locale: row.locale,
          }),
        );
      }
      return rows.length;
    });
    const reviews = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string; reviewBy: string; email: string; locale: string }[]>(
        `SELECT o.id, o.review_by::text AS "reviewBy",
                coalesce(nullif(trim(o.contact_email), ''), p.email) AS email, p.locale
           FROM opportunity o JOIN provider p ON p.id = o.provider_id
          WHERE o.status = 'published' AND o.review_by <= $1::date
          ORDER BY o.review_by
          LIMIT ${BATCH}
          FOR UPDATE OF o SKIP LOCKED`,
        [addDays(berlinDateOf(now), reviewReminderDays)],
      );
      let queued = 0;
      for (const row of rows) {
        const jobId = await this.notifications.queue(manager, {
          kind: 'host-review-reminder',
          subjectId: hostReviewReminderKey(row.id, row.reviewBy),
          recipient: row.email,
          locale: row.locale,
        });
        jobIds.push(jobId);
        queued += jobId ? 1 : 0;
      }
      return queued;
    });
    this.outbox.relaySoon(jobIds);
    if (proposals + reviews > 0) {
      this.logger.log(`host reminders queued: ${proposals} proposals, ${reviews} review dates`);
    }
    return { proposals, reviews };
  }

  /** Published opportunities whose review-by date (Berlin) has passed are paused ("review-overdue"). */
  async pauseOverdue(now = new Date()): Promise<number> {
    // An UPDATE through TypeORM answers [rows, affected count].
    const [paused] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE opportunity SET status = 'paused', paused_reason = 'review-overdue', updated_at = now()
        WHERE status = 'published' AND review_by < $1::date
        RETURNING id`,
      [berlinDateOf(now)],
    );
    if (paused.length > 0) {
      this.logger.log(`paused ${paused.length} opportunities past their review-by date`);
    }
    return paused.length;
  }
}
