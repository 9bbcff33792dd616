import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { z } from 'zod';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MATCHING_QUEUE } from '../queue/queues';
import { startQueueWorker } from '../queue/queue-worker';
import { MatchingService } from './matching.service';

const matchRequestPayload = z.object({ requestId: z.string().uuid(), round: z.number().int().min(1) });

/** Thin: validates the job and calls the service. Only the worker process provides it. */
@Injectable()
export class MatchingProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly matching: MatchingService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker({
      config: this.config,
      queue: MATCHING_QUEUE,
      schema: matchRequestPayload,
      concurrency: 4,
      handle: ({ requestId, round }) => this.matching.matchRequest(requestId, round),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
