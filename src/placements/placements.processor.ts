import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { PLACEMENTS_QUEUE, SEND_PLACEMENT_FOLLOW_UPS_JOB } from '../queue/job-contracts';
import { JobQueues } from '../queue/job-queues.service';
import { ensureJobScheduler } from '../queue/job-schedulers';
import { startQueueWorker } from '../queue/queue-worker';
import { PlacementFollowUpsService } from './placement-follow-ups.service';

const FOLLOW_UP_CRON = { pattern: '40 * * * *', tz: 'Europe/Berlin' };
const RESCHEDULE_EVERY_MS = 60_000;

/** Thin: runs the placements jobs on their schedules (docs/placements.md "Follow-up"). */
@Injectable()
export class PlacementsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PlacementsProcessor.name);
  private worker?: Worker;
  private scheduleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly followUps: PlacementFollowUpsService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = startQueueWorker({
      config: this.config,
      queue: PLACEMENTS_QUEUE,
      concurrency: 1,
      handlers: {
        [SEND_PLACEMENT_FOLLOW_UPS_JOB]: () => this.followUps.sendDue(),
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
      await ensureJobScheduler(
        this.queues.get(PLACEMENTS_QUEUE),
        SEND_PLACEMENT_FOLLOW_UPS_JOB,
        FOLLOW_UP_CRON,
        { name: SEND_PLACEMENT_FOLLOW_UPS_JOB, data: {} },
      );
    } catch (error) {
      this.logger.warn(`could not schedule the placements jobs yet: ${(error as Error).message}`);
    }
  }
}
