import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { PLACEMENTS_QUEUE, SEND_PLACEMENT_FOLLOW_UPS_JOB } from '../queue/job-contracts';
import { JobQueues } from '../queue/job-queues.service';
import { ScheduledQueueWorker, startScheduledQueueWorker } from '../queue/scheduled-queue-worker';
import { PlacementFollowUpsService } from './placement-follow-ups.service';

/** Thin: runs the placements jobs on their schedules (docs/placements.md "Follow-up"). */
@Injectable()
export class PlacementsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private scheduled?: ScheduledQueueWorker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly followUps: PlacementFollowUpsService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.scheduled = await startScheduledQueueWorker({
      config: this.config,
      queues: this.queues,
      queue: PLACEMENTS_QUEUE,
      handlers: {
        [SEND_PLACEMENT_FOLLOW_UPS_JOB]: () => this.followUps.sendDue(),
      },
      schedules: [
        { job: SEND_PLACEMENT_FOLLOW_UPS_JOB, repeat: { pattern: '40 * * * *', tz: 'Europe/Berlin' } },
      ],
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduled?.close();
  }
}
