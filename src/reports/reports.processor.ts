import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REFRESH_REPORT_ROLLUP_JOB, REPORTS_QUEUE } from '../queue/job-contracts';
import { JobQueues } from '../queue/job-queues.service';
import { ensureJobScheduler } from '../queue/job-schedulers';
import { startQueueWorker } from '../queue/queue-worker';
import { ReportRollupService } from './report-rollup.service';

const REFRESH_CRON = { pattern: '*/10 * * * *', tz: 'Europe/Berlin' };
const RESCHEDULE_EVERY_MS = 60_000;

/** Thin: runs the report rollup on its schedule (docs/reports.md "Rollup"). */
@Injectable()
export class ReportsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportsProcessor.name);
  private worker?: Worker;
  private scheduleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rollup: ReportRollupService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = startQueueWorker({
      config: this.config,
      queue: REPORTS_QUEUE,
      concurrency: 1,
      handlers: {
        [REFRESH_REPORT_ROLLUP_JOB]: async () => {
          await this.rollup.refresh();
        },
      },
    });
    await this.schedule();
    this.scheduleTimer = setInterval(() => void this.schedule(), RESCHEDULE_EVERY_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    await this.worker?.close();
  }

  private async schedule(): Promise<void> {
    try {
      await ensureJobScheduler(this.queues.get(REPORTS_QUEUE), REFRESH_REPORT_ROLLUP_JOB, REFRESH_CRON, {
        name: REFRESH_REPORT_ROLLUP_JOB,
        data: {},
      });
    } catch (error) {
      this.logger.warn(`could not schedule the report rollup yet: ${(error as Error).message}`);
    }
  }
}
