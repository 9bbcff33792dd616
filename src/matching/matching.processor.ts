import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobQueues } from '../queue/job-queues.service';
import {
  CLOSE_MISSED_APPOINTMENTS_JOB,
  EXPIRE_OFFERS_JOB,
  JobPayload,
  MATCH_REQUEST_JOB,
  MATCHING_QUEUE,
  OPTIMISE_ASSIGNMENTS_JOB,
  RECHECK_VOLUNTEER_JOB,
  RELEASE_VOLUNTEER_JOB,
} from '../queue/job-contracts';
import { ensureJobScheduler } from '../queue/job-schedulers';
import { startQueueWorker } from '../queue/queue-worker';
import { GlobalAssignmentService } from './global-assignment.service';
import { MatchDecisionsService } from './match-decisions.service';
import { MicroBatcher } from '../queue/micro-batch';
import { RequestClosingService } from './request-closing.service';
import { MatchingOutcome, MatchingRound, MatchingService } from './matching.service';

const EXPIRE_EVERY_MS = 60_000;
/**
 * Matching jobs that arrive together are matched together (one transaction, one retrieval
 * statement); enough concurrent jobs keep both batch slots full under load.
 */
const MATCH_BATCH_SIZE = 16;
const MATCH_CONCURRENT_BATCHES = 2;
/** Schedulers this queue no longer runs: the staff digest moved to the notifications queue. */
const RETIRED_SCHEDULERS = ['staff-digest'];

/** Thin: validates each job and calls the service. Only the worker process provides it. */
@Injectable()
export class MatchingProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MatchingProcessor.name);
  private worker?: Worker;
  private readonly matchBatches = new MicroBatcher<MatchingRound, MatchingOutcome>({
    maxBatchSize: MATCH_BATCH_SIZE,
    maxConcurrentBatches: MATCH_CONCURRENT_BATCHES,
    run: (rounds) => this.matching.matchRequests(rounds),
  });
  private scheduleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly matching: MatchingService,
    private readonly decisions: MatchDecisionsService,
    private readonly assignments: GlobalAssignmentService,
    private readonly queues: JobQueues,
    private readonly closing: RequestClosingService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = startQueueWorker({
      config: this.config,
      queue: MATCHING_QUEUE,
      concurrency: MATCH_BATCH_SIZE * MATCH_CONCURRENT_BATCHES,
      handlers: {
        [MATCH_REQUEST_JOB]: (p) => this.matchBatches.submit(p),
        [RECHECK_VOLUNTEER_JOB]: (p) => this.matching.recheckForVolunteer(p.volunteerId),
        [RELEASE_VOLUNTEER_JOB]: (p) => this.decisions.releaseVolunteer(p.volunteerId),
        [EXPIRE_OFFERS_JOB]: () => this.decisions.expireOverdueOffers(),
        [OPTIMISE_ASSIGNMENTS_JOB]: (p) => this.assignments.optimise(p.requestedBy ?? null),
        [CLOSE_MISSED_APPOINTMENTS_JOB]: () => this.closing.closeMissedAppointments(),
      },
    });
    // Schedulers are declared by id, so every worker may declare them; Redis keeps one of each.
    await this.scheduleAll();
    await this.retireOldSchedulers();
    // Declared again from time to time: a Redis that lost its data has lost the schedulers too.
    this.scheduleTimer = setInterval(() => void this.scheduleAll(), EXPIRE_EVERY_MS);
  }

  private async scheduleAll(): Promise<void> {
    await this.schedule(EXPIRE_OFFERS_JOB, { every: EXPIRE_EVERY_MS });
    await this.schedule(OPTIMISE_ASSIGNMENTS_JOB, { every: this.config.OPTIMISE_EVERY_MS });
    await this.schedule(CLOSE_MISSED_APPOINTMENTS_JOB, { every: EXPIRE_EVERY_MS });
  }

  private async schedule(
    jobName:
      typeof EXPIRE_OFFERS_JOB | typeof OPTIMISE_ASSIGNMENTS_JOB | typeof CLOSE_MISSED_APPOINTMENTS_JOB,
    repeat: { every: number },
  ): Promise<void> {
    try {
      const data: JobPayload<typeof MATCHING_QUEUE, typeof jobName> = {};
      await ensureJobScheduler(this.queues.get(MATCHING_QUEUE), jobName, repeat, { name: jobName, data });
    } catch (error) {
      this.logger.warn(`could not schedule ${jobName} yet: ${(error as Error).message}`);
    }
  }

  /** A retired scheduler left in Redis would queue jobs this queue's contract no longer knows. */
  private async retireOldSchedulers(): Promise<void> {
    for (const id of RETIRED_SCHEDULERS) {
      await this.queues
        .get(MATCHING_QUEUE)
        .removeJobScheduler(id)
        .catch((error: Error) => this.logger.warn(`could not remove scheduler ${id}: ${error.message}`));
    }
  }

  /** Before the database closes: running jobs finish, the others stay in Redis for the next worker. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    await this.worker?.close();
  }
}
