import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';
import { removeHeartbeat, workerName, writeHeartbeat } from './job-stats';
import { producerConnection } from './redis-connections';

/**
 * Each worker process says "alive" in Redis every WORKER_HEARTBEAT_SECONDS; the key expires after
 * three missed beats, so the console's system page lists exactly the workers that run.
 */
@Injectable()
export class WorkerHeartbeatWriter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeatWriter.name);
  private readonly redis: IORedis;
  private readonly worker = workerName();
  private readonly startedAt = new Date().toISOString();
  private timer?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = producerConnection(config.REDIS_URL);
    this.redis.on('error', (error: Error) => this.logger.debug(`redis: ${error.message}`));
  }

  onApplicationBootstrap(): void {
    const beat = () =>
      writeHeartbeat(
        this.redis,
        this.config.QUEUE_PREFIX,
        { worker: this.worker, startedAt: this.startedAt, beatAt: new Date().toISOString() },
        this.config.WORKER_HEARTBEAT_SECONDS * 3,
      ).catch((error: Error) => this.logger.debug(`heartbeat: ${error.message}`));
    // The first beat as soon as the connection is up, not one interval later.
    if (this.redis.status === 'ready') {
      void beat();
    } else {
      this.redis.once('ready', () => void beat());
    }
    this.timer = setInterval(() => void beat(), this.config.WORKER_HEARTBEAT_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await removeHeartbeat(this.redis, this.config.QUEUE_PREFIX, this.worker).catch(() => undefined);
    this.redis.disconnect();
  }
}
