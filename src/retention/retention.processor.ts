import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MAINTENANCE_QUEUE, RETENTION_JOB } from '../queue/job-contracts';
import { JobQueues } from '../queue/job-queues.service';
import { ScheduledQueueWorker, startScheduledQueueWorker } from '../queue/scheduled-queue-worker';
import { RetentionService } from './retention.service';

/**
 * Thin: runs the retention job daily at night, Berlin time, when nobody works in the console. The run
 * itself records its Berlin day and holds an advisory lock, so even two jobs (a retry, a restored
 * Redis) do the day's work once.
 */
@Injectable()
export class RetentionProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private scheduled?: ScheduledQueueWorker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly retention: RetentionService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.scheduled = await startScheduledQueueWorker({
      config: this.config,
      queues: this.queues,
      queue: MAINTENANCE_QUEUE,
      handlers: {
        [RETENTION_JOB]: () => this.retention.run(),
      },
      schedules: [{ job: RETENTION_JOB, repeat: { pattern: '30 3 * * *', tz: 'Europe/Berlin' } }],
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduled?.close();
  }
}
