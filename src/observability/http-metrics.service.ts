import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { currentRequestId, runWithRequestId } from '../common/request-context';

/** The API's one Prometheus registry (per app, so several apps in one test process never collide). */
@Injectable()
export class MetricsRegistry extends Registry {}

/**
 * HTTP latency by route pattern (`/api/help-requests/:id`, never the URL itself: links carry tokens),
 * and one log line per request, which the request-id middleware has already tagged.
 */
@Injectable()
export class HttpMetrics {
  private readonly logger = new Logger('http');
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'nahbar_http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    // 'finish' fires from the socket: log under the request's id explicitly, whatever the context then.
    const requestId = currentRequestId();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routePattern(request);
      this.duration.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
      const line = `${request.method} ${route} ${response.statusCode} ${(seconds * 1000).toFixed(1)}ms`;
      if (requestId) {
        runWithRequestId(requestId, () => this.logger.log(line));
      } else {
        this.logger.log(line);
      }
    });
    next();
  };
}

/** The matched route's pattern with its mount path; `unmatched` for 404s and static answers. */
function routePattern(request: Request): string {
  const route: unknown = (request as { route?: unknown }).route;
  const path = (route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
}
