import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { RUN_IMPORT_JOB, TRANSFER_QUEUE } from '../queue/job-contracts';
import { startQueueWorker } from '../queue/queue-worker';
import { TransferService } from './transfer.service';

/** Thin: runs one import at a time (docs/data-transfer.md). */
@Injectable()
export class TransferProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transfer: TransferService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker({
      config: this.config,
      queue: TRANSFER_QUEUE,
      concurrency: 1,
      handlers: {
        [RUN_IMPORT_JOB]: ({ importId }) => this.transfer.runImport(importId),
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
