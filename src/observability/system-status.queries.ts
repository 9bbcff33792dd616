import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LAST_ASSIGNMENT_RUN_KEY, type AssignmentRunSummary } from '../matching/global-assignment.service';

export interface OutboxBacklog {
  pending: number;
  /** Creation time of the oldest row not yet handed to Redis; null when none waits. */
  oldestAt: Date | null;
}

/**
 * Read model over several features' tables for /metrics and the console's system page: counts and
 * times only, never a row's content (no personal data leaves here).
 */
@Injectable()
export class SystemStatusQueries {
  // DataSource, not repositories: a read model of counts across the outbox, notifications, matches and settings.
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async outboxBacklog(): Promise<OutboxBacklog> {
    const [row] = await this.dataSource.query<{ pending: string; oldest_at: Date | null }[]>(
      `SELECT count(*) AS pending, min(created_at) AS oldest_at FROM outbox_job WHERE enqueued_at IS NULL`,
    );
    return { pending: Number(row.pending), oldestAt: row.oldest_at };
  }

  /** Emails by status, all time (the outcome of every email nahbar has had to send). */
  async emailsByStatus(): Promise<Record<string, number>> {
    const rows = await this.dataSource.query<{ status: string; count: string }[]>(
      `SELECT status, count(*) AS count FROM notification GROUP BY status`,
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  /** Emails given up on (failed or undeliverable) since `since`, and the last one's time. */
  async failedEmailsSince(since: Date): Promise<{ count: number; lastAt: Date | null }> {
    const [row] = await this.dataSource.query<{ count: string; last_at: Date | null }[]>(
      `SELECT count(*) AS count, max(created_at) AS last_at FROM notification
        WHERE status IN ('failed', 'undeliverable') AND created_at >= $1`,
      [since],
    );
    return { count: Number(row.count), lastAt: row.last_at };
  }

  /** Offers sent to volunteers that wait for their answer. */
  async offersAwaitingAnswer(): Promise<number> {
    const [row] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM match WHERE status = 'offered'`,
    );
    return Number(row.count);
  }

  async lastOptimisation(): Promise<AssignmentRunSummary | null> {
    const [row] = await this.dataSource.query<{ value: AssignmentRunSummary }[]>(
      `SELECT value FROM agency_setting WHERE key = $1`,
      [LAST_ASSIGNMENT_RUN_KEY],
    );
    return row?.value ?? null;
  }
}
