import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REFRESH_REPORT_ROLLUP_JOB, REPORTS_QUEUE } from '../queue/job-contracts';
import { JobQueues } from '../queue/job-queues.service';
import { ScheduledQueueWorker, startScheduledQueueWorker } from '../queue/scheduled-queue-worker';
import { ReportRollupService } from './report-rollup.service';

/** Thin: runs the report rollup on its schedule (docs/reports.md "Rollup"). */
@Injectable()
export class ReportsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private scheduled?: ScheduledQueueWorker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rollup: ReportRollupService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.scheduled = await startScheduledQueueWorker({
      config: this.config,
      queues: this.queues,
      queue: REPORTS_QUEUE,
      handlers: {
        [REFRESH_REPORT_ROLLUP_JOB]: async () => {
          await this.rollup.refresh();
        },
      },
      schedules: [
        { job: REFRESH_REPORT_ROLLUP_JOB, repeat: { pattern: '*/10 * * * *', tz: 'Europe/Berlin' } },
      ],
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduled?.close();
  }
}
