import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobPayload, MAINTENANCE_QUEUE, RETENTION_JOB } from '../queue/job-contracts';
import { JobQueues } from '../queue/job-queues.service';
import { startQueueWorker } from '../queue/queue-worker';
import { RetentionService } from './retention.service';

/** At night, Berlin time, when nobody works in the console. */
const RETENTION_CRON = { pattern: '30 3 * * *', tz: 'Europe/Berlin' };
/** Declared again from time to time: a Redis that lost its data lost the scheduler too. */
const RESCHEDULE_EVERY_MS = 60_000;

/**
 * Thin: runs the retention job on its daily schedule. The scheduler is upserted by id, so every
 * worker may declare it and Redis keeps one; the run itself records its Berlin day and holds an
 * advisory lock, so even two jobs (a retry, a restored Redis) do the day's work once.
 */
@Injectable()
export class RetentionProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetentionProcessor.name);
  private worker?: Worker;
  private scheduleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly retention: RetentionService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = startQueueWorker({
      config: this.config,
      queue: MAINTENANCE_QUEUE,
      concurrency: 1,
      handlers: {
        [RETENTION_JOB]: () => this.retention.run(),
      },
    });
    await this.schedule();
    this.scheduleTimer = setInterval(() => void this.schedule(), RESCHEDULE_EVERY_MS);
  }

  private async schedule(): Promise<void> {
    try {
      const data: JobPayload<typeof MAINTENANCE_QUEUE, typeof RETENTION_JOB> = {};
      await this.queues
        .get(MAINTENANCE_QUEUE)
        .upsertJobScheduler(RETENTION_JOB, RETENTION_CRON, { name: RETENTION_JOB, data });
    } catch (error) {
      this.logger.warn(`could not schedule ${RETENTION_JOB} yet: ${(error as Error).message}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    await this.worker?.close();
  }
}
