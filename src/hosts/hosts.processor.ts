import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { HOSTS_QUEUE, PAUSE_OVERDUE_OPPORTUNITIES_JOB, REMIND_HOSTS_JOB } from '../queue/job-contracts';
import { JobQueues } from '../queue/job-queues.service';
import { ScheduledQueueWorker, startScheduledQueueWorker } from '../queue/scheduled-queue-worker';
import { HostRemindersService } from './host-reminders.service';

/** Thin: runs the hosts jobs on their schedules (docs/hosts.md). */
@Injectable()
export class HostsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private scheduled?: ScheduledQueueWorker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: HostRemindersService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.scheduled = await startScheduledQueueWorker({
      config: this.config,
      queues: this.queues,
      queue: HOSTS_QUEUE,
      handlers: {
        [REMIND_HOSTS_JOB]: () => this.reminders.remind(),
        [PAUSE_OVERDUE_OPPORTUNITIES_JOB]: () => this.reminders.pauseOverdue(),
      },
      schedules: [
        { job: REMIND_HOSTS_JOB, repeat: { pattern: '20 * * * *', tz: 'Europe/Berlin' } },
        { job: PAUSE_OVERDUE_OPPORTUNITIES_JOB, repeat: { pattern: '10 0 * * *', tz: 'Europe/Berlin' } },
      ],
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduled?.close();
  }
}
