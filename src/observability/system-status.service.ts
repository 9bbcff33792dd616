import { Injectable } from '@nestjs/common';
import type { AssignmentRunSummary } from '../matching/global-assignment.service';
import type { WorkerHeartbeat } from '../queue/job-stats';
import { QueueDepths, QueueStatusService } from './queue-status.service';
import { OutboxBacklog, SystemStatusQueries } from './system-status.queries';

export type { QueueDepths, QueueState } from './queue-status.service';
export { QUEUE_STATES } from './queue-status.service';
export type { WorkerHeartbeat } from '../queue/job-stats';

/** Failed emails are counted over this window on the system page. */
export const FAILED_EMAILS_WINDOW_DAYS = 7;

export interface SystemStatus {
  checkedAt: Date;
  /** Null when Redis does not answer: then the queues and workers are unknown, not empty. */
  queues: QueueDepths | null;
  workers: WorkerHeartbeat[] | null;
  outbox: OutboxBacklog;
  failedEmails: { count: number; lastAt: Date | null };
  offersAwaitingAnswer: number;
  lastOptimisation: AssignmentRunSummary | null;
}

/** The essentials a coordinator needs to see that something is stuck, without Grafana. */
@Injectable()
export class SystemStatusService {
  constructor(
    private readonly queues: QueueStatusService,
    private readonly queries: SystemStatusQueries,
  ) {}

  async status(now = new Date()): Promise<SystemStatus> {
    const since = new Date(now.getTime() - FAILED_EMAILS_WINDOW_DAYS * 24 * 3600 * 1000);
    const [queues, workers, outbox, failedEmails, offersAwaitingAnswer, lastOptimisation] = await Promise.all(
      [
        this.queues.depths().catch(() => null),
        this.queues.heartbeats().catch(() => null),
        this.queries.outboxBacklog(),
        this.queries.failedEmailsSince(since),
        this.queries.offersAwaitingAnswer(),
        this.queries.lastOptimisation(),
      ],
    );
    return { checkedAt: now, queues, workers, outbox, failedEmails, offersAwaitingAnswer, lastOptimisation };
  }
}
