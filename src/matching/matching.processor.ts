import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { z } from 'zod';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobQueues } from '../queue/job-queues.service';
import {
  EXPIRE_OFFERS_JOB,
  MATCH_REQUEST_JOB,
  MATCHING_QUEUE,
  OPTIMISE_ASSIGNMENTS_JOB,
  RECHECK_VOLUNTEER_JOB,
} from '../queue/queues';
import { jobHandler, startQueueWorker } from '../queue/queue-worker';
import { GlobalAssignmentService } from './global-assignment.service';
import { MatchDecisionsService } from './match-decisions.service';
import { MatchingService } from './matching.service';

const EXPIRE_EVERY_MS = 60_000;
const OPTIMISE_EVERY_MS = 15 * 60_000;

/** Thin: validates each job and calls the service. Only the worker process provides it. */
@Injectable()
export class MatchingProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MatchingProcessor.name);
  private worker?: Worker;
  private scheduleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly matching: MatchingService,
    private readonly decisions: MatchDecisionsService,
    private readonly assignments: GlobalAssignmentService,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = startQueueWorker({
      config: this.config,
      queue: MATCHING_QUEUE,
      concurrency: 8,
      handlers: {
        [MATCH_REQUEST_JOB]: jobHandler(
          z.object({ requestId: z.string().uuid(), round: z.number().int().min(1) }),
          (p) => this.matching.matchRequest(p.requestId, p.round),
        ),
        [RECHECK_VOLUNTEER_JOB]: jobHandler(z.object({ volunteerId: z.string().uuid() }), (p) =>
          this.matching.recheckForVolunteer(p.volunteerId),
        ),
        [EXPIRE_OFFERS_JOB]: jobHandler(z.object({}).strict(), () => this.decisions.expireOverdueOffers()),
        [OPTIMISE_ASSIGNMENTS_JOB]: jobHandler(
          z.object({ requestedBy: z.string().uuid().nullable().optional() }).strict(),
          (p) => this.assignments.optimise(p.requestedBy ?? null),
        ),
      },
    });
    // Schedulers are upserted by id, so every worker may declare them; Redis keeps one of each.
    await this.scheduleAll();
    // Declared again from time to time: a Redis that lost its data has lost the schedulers too.
    this.scheduleTimer = setInterval(() => void this.scheduleAll(), EXPIRE_EVERY_MS);
  }

  private async scheduleAll(): Promise<void> {
    await this.schedule(EXPIRE_OFFERS_JOB, EXPIRE_EVERY_MS);
    await this.schedule(OPTIMISE_ASSIGNMENTS_JOB, OPTIMISE_EVERY_MS);
  }

  private async schedule(jobName: string, every: number): Promise<void> {
    try {
      await this.queues
        .get(MATCHING_QUEUE)
        .upsertJobScheduler(jobName, { every }, { name: jobName, data: {} });
    } catch (error) {
      this.logger.warn(`could not schedule ${jobName} yet: ${(error as Error).message}`);
    }
  }

  /** Before the database closes: running jobs finish, the others stay in Redis for the next worker. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    await this.worker?.close();
  }
}
