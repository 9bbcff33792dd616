import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobQueues } from '../queue/job-queues.service';
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB, sendNotificationJobId } from '../queue/job-contracts';
import { retryWindowIsOver, smtpRetryPolicy, type RetryPolicy } from '../queue/delivery-retry';
import { periodIndex } from '../queue/scheduled-runs';
import { Notification } from './notification.entity';

const BATCH = 500;
/** One sweeper at a time over all worker processes; the others skip the pass. */
const SWEEP_LOCK = 7_465_101;
/** The sweeper's name in the scheduled-run log and its period claims. */
export const SWEEP_RUN = 'notification-sweep';

interface OpenRow {
  id: string;
  status: 'pending' | 'composed';
  /** Quiet hours, digest or reminder date: the job waits in BullMQ's delayed set until then. */
  not_before: Date | null;
  created_at: Date;
  first_attempt_at: Date | null;
}

/**
 * PostgreSQL, not Redis, knows which emails are still to go. Every NOTIFY_SWEEP_MS this walks the
 * open notifications and makes sure each has a live BullMQ job: a job Redis lost (restarted without
 * its data) is added again, one BullMQ gave up on is replaced while the retry window lasts, and
 * marks the row failed after it. Adding again is safe: job ids are deterministic and both steps
 * skip rows that are already past them.
 */
@Injectable()
export class NotificationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationSweeper.name);
  private readonly retry: RetryPolicy;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // DataSource, not repositories: Sweeps the notification table with raw SQL and session advisory locks (infrastructure of delivery).
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {
    this.retry = smtpRetryPolicy(config);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweepOncePerPeriod()
        .then((requeued) => requeued > 0 && this.logger.log(`re-enqueued ${requeued} notification job(s)`))
        .catch((error: unknown) => this.logger.warn(`sweep postponed: ${(error as Error).message}`))
        .then(() => (this.running = undefined));
    }, this.config.NOTIFY_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Every worker runs the timer; the first to claim the period (in Redis) sweeps, the others skip.
   * Without Redis every worker sweeps (the advisory lock still keeps them from overlapping): that is
   * when the sweeper matters most.
   */
  private async sweepOncePerPeriod(): Promise<number> {
    const period = this.config.NOTIFY_SWEEP_MS;
    const now = new Date();
    const claimed = await this.queues.claimPeriod(SWEEP_RUN, period, now);
    if (claimed === false) {
      return 0;
    }
    if (claimed) {
      await this.queues.recordScheduledRun(SWEEP_RUN, `period-${periodIndex(period, now)}`);
    }
    return this.sweep();
  }

  /** One pass; returns how many jobs it added again. Rows younger than one interval are left to the fast path. */
  async sweep(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [SWEEP_LOCK],
      );
      if (!locked) {
        return 0;
      }
      let requeued = 0;
      let after: { createdAt: Date; id: string } | null = null;
      for (;;) {
        const rows: OpenRow[] = await manager.query(
          `SELECT id, status, created_at, first_attempt_at, not_before FROM notification
            WHERE status IN ('pending', 'composed')
              AND created_at < now() - make_interval(secs => $1)
              AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
            ORDER BY created_at, id LIMIT ${BATCH}`,
          [this.config.NOTIFY_SWEEP_MS / 1000, after?.createdAt ?? null, after?.id ?? null],
        );
        const outcomes = await Promise.all(rows.map((row) => this.ensureJob(row)));
        requeued += outcomes.filter(Boolean).length;
        if (rows.length < BATCH) {
          return requeued;
        }
        const last = rows[rows.length - 1];
        after = { createdAt: last.created_at, id: last.id };
      }
    });
  }

  private async ensureJob(row: OpenRow): Promise<boolean> {
    const jobId = sendNotificationJobId(row.id);
    const queue = this.queues.get(NOTIFICATIONS_QUEUE);
    const state = await queue.getJobState(jobId);
    if (state !== 'unknown' && state !== 'completed' && state !== 'failed') {
      return false; // waiting, delayed for a retry, or running
    }
    if (state !== 'unknown') {
      const job = await queue.getJob(jobId);
      const windowStart = row.first_attempt_at ?? row.created_at;
      if (state === 'failed' && retryWindowIsOver(windowStart, new Date(), this.retry)) {
        await this.dataSource.getRepository(Notification).update(
          { id: row.id, status: row.status },
          {
            status: 'failed',
            lastError: (job?.failedReason ?? 'gave up').slice(0, 500),
            composedEmail: null,
          },
        );
        return false;
      }
      await job?.remove();
    }
    await this.queues.add(
      NOTIFICATIONS_QUEUE,
      SEND_NOTIFICATION_JOB,
      jobId,
      { notificationId: row.id },
      row.not_before,
    );
    return true;
  }
}
