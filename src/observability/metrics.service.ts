import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { collectDefaultMetrics, Gauge } from 'prom-client';
import { JOB_DURATION_BUCKETS, JobDurations, JobOutcomeCount } from '../queue/job-stats';
import { MetricsRegistry } from './http-metrics.service';
import { QueueStatusService } from './queue-status.service';
import { SystemStatusQueries } from './system-status.queries';

interface MetricValue {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

/**
 * Prometheus metrics of the whole installation, whichever API process is scraped: queue depths and
 * worker heartbeats from Redis, job outcomes and durations the workers count in Redis, outbox,
 * emails and offers from PostgreSQL. Everything is read once per scrape; nothing is cached.
 */
@Injectable()
export class MetricsService {
  private jobOutcomes: JobOutcomeCount[] = [];
  private jobDurations: JobDurations[] = [];
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly outboxPending: Gauge;
  private readonly outboxOldestAge: Gauge;
  private readonly emails: Gauge<'status'>;
  private readonly offersAwaiting: Gauge;
  private readonly workersAlive: Gauge;
  private readonly redisUp: Gauge;
  private readonly lastOptimisation: Gauge;

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly queues: QueueStatusService,
    private readonly system: SystemStatusQueries,
  ) {
    collectDefaultMetrics({ register: registry, prefix: 'nahbar_api_' });
    const registers = [registry];
    this.queueJobs = new Gauge({
      name: 'nahbar_queue_jobs',
      help: 'BullMQ jobs by queue and state (waiting, active, delayed, prioritized, waiting-children, failed).',
      labelNames: ['queue', 'state'],
      registers,
    });
    this.outboxPending = new Gauge({
      name: 'nahbar_outbox_pending',
      help: 'Outbox rows not yet handed to Redis.',
      registers,
    });
    this.outboxOldestAge = new Gauge({
      name: 'nahbar_outbox_oldest_age_seconds',
      help: 'Age of the oldest outbox row not yet handed to Redis (0 when none waits).',
      registers,
    });
    this.emails = new Gauge({
      name: 'nahbar_emails',
      help: 'Emails (notification rows) by status: pending, composed, batched, sent, undeliverable, failed, cancelled.',
      labelNames: ['status'],
      registers,
    });
    this.offersAwaiting = new Gauge({
      name: 'nahbar_offers_awaiting_answer',
      help: "Offers sent to volunteers that wait for the volunteer's answer.",
      registers,
    });
    this.workersAlive = new Gauge({
      name: 'nahbar_workers_alive',
      help: 'Worker processes whose heartbeat in Redis is current.',
      registers,
    });
    this.redisUp = new Gauge({
      name: 'nahbar_redis_up',
      help: 'Whether Redis answered this scrape (0: queue figures are missing, workers count as 0).',
      registers,
    });
    this.lastOptimisation = new Gauge({
      name: 'nahbar_last_optimisation_timestamp_seconds',
      help: 'When the last global optimisation of proposals ran (Unix time; 0 = never).',
      registers,
    });
    registry.registerMetric(
      this.fromSnapshot(
        'nahbar_jobs_total',
        'counter',
        'Jobs finished by queue, job and outcome (completed, retry, failed), counted by all workers.',
        () => this.outcomeValues(),
      ),
    );
    registry.registerMetric(
      this.fromSnapshot(
        'nahbar_job_duration_seconds',
        'histogram',
        'Run time of completed jobs by queue and job; job="match-request" is the matching latency.',
        () => this.durationValues(),
      ),
    );
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Reads the current state and renders the exposition text. Redis down is a figure (nahbar_redis_up
   * 0, the queue series absent), not an error; PostgreSQL down fails the scrape with a 503.
   */
  async render(): Promise<string> {
    const now = Date.now();
    const fromRedis = Promise.all([
      this.queues.depths(),
      this.queues.jobStats(),
      this.queues.heartbeats(),
    ]).catch(() => null);
    const [redis, backlog, emails, offers, optimisation] = await Promise.all([
      fromRedis,
      this.system.outboxBacklog(),
      this.system.emailsByStatus(),
      this.system.offersAwaitingAnswer(),
      this.system.lastOptimisation(),
    ]).catch((error: Error) => {
      throw new ServiceUnavailableException(`metrics unavailable: ${error.message}`);
    });
    this.redisUp.set(redis ? 1 : 0);
    this.queueJobs.reset();
    const [depths, stats, heartbeats] = redis ?? [{}, { outcomes: [], durations: [] }, []];
    for (const [queue, states] of Object.entries(depths)) {
      for (const [state, count] of Object.entries(states)) {
        this.queueJobs.set({ queue, state }, count);
      }
    }
    this.jobOutcomes = stats.outcomes;
    this.jobDurations = stats.durations;
    this.outboxPending.set(backlog.pending);
    this.outboxOldestAge.set(backlog.oldestAt ? Math.max(0, (now - backlog.oldestAt.getTime()) / 1000) : 0);
    this.emails.reset();
    for (const [status, count] of Object.entries(emails)) {
      this.emails.set({ status }, count);
    }
    this.offersAwaiting.set(offers);
    this.workersAlive.set(heartbeats.length);
    this.lastOptimisation.set(optimisation ? new Date(optimisation.at).getTime() / 1000 : 0);
    return this.registry.metrics();
  }

  private outcomeValues(): MetricValue[] {
    return this.jobOutcomes.map(({ queue, job, outcome, count }) => ({
      value: count,
      labels: { queue, job, outcome },
    }));
  }

  private durationValues(): MetricValue[] {
    return this.jobDurations.flatMap(({ queue, job, buckets, sum, count }) => {
      let cumulative = 0;
      const bucketValues = buckets.map((inBucket, index) => {
        cumulative += inBucket;
        const le = index < JOB_DURATION_BUCKETS.length ? String(JOB_DURATION_BUCKETS[index]) : '+Inf';
        return {
          metricName: 'nahbar_job_duration_seconds_bucket',
          value: cumulative,
          labels: { queue, job, le },
        };
      });
      return [
        ...bucketValues,
        { metricName: 'nahbar_job_duration_seconds_sum', value: sum, labels: { queue, job } },
        { metricName: 'nahbar_job_duration_seconds_count', value: count, labels: { queue, job } },
      ];
    });
  }

  /** A metric whose values come from the last snapshot (figures kept in Redis, not in this process). */
  private fromSnapshot(
    name: string,
    type: 'counter' | 'histogram',
    help: string,
    values: () => MetricValue[],
  ) {
    const get = () => Promise.resolve({ name, help, type, values: values(), aggregator: 'sum' as const });
    return { name, help, type, get, reset: () => undefined } as unknown as Parameters<
      MetricsRegistry['registerMetric']
    >[0];
  }
}
