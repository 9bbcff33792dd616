import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { HOSTS_QUEUE, PAUSE_OVERDUE_OPPORTUNITIES_JOB, REMIND_HOSTS_JOB } from '../queue/job-contracts';
import { JobQueues } from '../queue/job-queues.service';
import { ensureJobScheduler } from '../queue/job-schedulers';
import { startQueueWorker } from '../queue/queue-worker';
import { HostRemindersService } from './host-reminders.service';

const REMIND_CRON = { pattern: '20 * * * *', tz: 'Europe/Berlin' };
const PAUSE_CRON = { pattern: '10 0 * * *', tz: 'Europe/Berlin' };
const RESCHEDULE_EVERY_MS = 60_000;

/** Thin: runs the hosts jobs on their schedules (docs/hosts.md). */
@Injectable()
export class HostsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HostsProcessor.name);
  private worker?: Worker;
  private scheduleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: HostRemindersService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = startQueueWorker({
      config: this.config,
      queue: HOSTS_QUEUE,
      concurrency: 1,
      handlers: {
        [REMIND_HOSTS_JOB]: () => this.reminders.remind(),
        [PAUSE_OVERDUE_OPPORTUNITIES_JOB]: () => this.reminders.pauseOverdue(),
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
      const queue = this.queues.get(HOSTS_QUEUE);
      await ensureJobScheduler(queue, REMIND_HOSTS_JOB, REMIND_CRON, { name: REMIND_HOSTS_JOB, data: {} });
      await ensureJobScheduler(queue, PAUSE_OVERDUE_OPPORTUNITIES_JOB, PAUSE_CRON, {
        name: PAUSE_OVERDUE_OPPORTUNITIES_JOB,
        data: {},
      });
    } catch (error) {
      this.logger.warn(`could not schedule the hosts jobs yet: ${(error as Error).message}`);
    }
  }
}
