import { createServer, Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { HealthProbe } from './health-probe.service';

/**
 * The worker has no HTTP server; for container and systemd probes it answers `/health/live` and
 * `/health/ready` (same meaning as the API's) on WORKER_HEALTH_PORT, bound to WORKER_HEALTH_HOST.
 * Off when the port is 0. JSON only, nothing personal.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly probe: HealthProbe,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.WORKER_HEALTH_PORT === 0) {
      return;
    }
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      const answer = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        answer(405, { status: 'method-not-allowed' });
      } else if (path === '/health/live') {
        answer(200, { status: 'ok' });
      } else if (path === '/health/ready') {
        this.probe.ready().then(
          ({ httpStatus, body }) => answer(httpStatus, body),
          () => answer(503, { status: 'unavailable' }),
        );
      } else {
        answer(404, { status: 'not-found' });
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.WORKER_HEALTH_PORT, this.config.WORKER_HEALTH_HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`health on ${this.config.WORKER_HEALTH_HOST}:${this.config.WORKER_HEALTH_PORT}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
