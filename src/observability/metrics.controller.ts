import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Controller,
  Get,
  Headers,
  Inject,
  NotFoundException,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MetricsService } from './metrics.service';

/** Same-length digests, so the comparison takes the same time whatever was sent. */
function tokenMatches(sent: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/**
 * Prometheus scrape endpoint, for operators' monitoring only: off (404) unless METRICS_TOKEN is set,
 * then only with `Authorization: Bearer <METRICS_TOKEN>`.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const expected = this.config.METRICS_TOKEN;
    if (!expected) {
      throw new NotFoundException();
    }
    const sent = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    if (!tokenMatches(sent, expected)) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('A valid metrics token is required.');
    }
    const body = await this.metrics.render();
    response.setHeader('Content-Type', this.metrics.contentType);
    response.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
