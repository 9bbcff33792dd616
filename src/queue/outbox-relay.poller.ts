import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxService } from './outbox.service';

/**
 * Picks up outbox rows the API could not hand to Redis itself (Redis down, API crashed after
 * commit). Runs in the worker process; several workers may poll, rows are locked with SKIP LOCKED.
 */
@Injectable()
export class OutboxRelayPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayPoller.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.drain().finally(() => (this.running = undefined));
    }, this.config.OUTBOX_POLL_MS);
  }

  private async drain(): Promise<void> {
    let relayed: number;
    do {
      relayed = await this.outbox.relay({ limit: 200 });
      if (relayed > 0) {
        this.logger.log(`relayed ${relayed} outbox job(s)`);
      }
    } while (relayed === 200);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
