import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthProbe } from './health-probe.service';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly probe: HealthProbe) {}

  /**
   * The strict check: 200 when PostgreSQL and Redis both answer, else 503 naming the one that does
   * not. For monitoring "is everything up"; load balancers and container probes use live/ready.
   */
  @Get()
  async check(@Res({ passthrough: true }) response: Response) {
    const { postgres, redis } = await this.probe.dependencies();
    const status = postgres === 'up' && redis === 'up' ? 'ok' : 'degraded';
    response.status(status === 'ok' ? 200 : 503);
    return { status, postgres, redis };
  }

  /** The process answers HTTP; touches no dependency (a restart is the only cure when this fails). */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** PostgreSQL reachable → 200 (Redis down → 200 "degraded"); PostgreSQL down → 503. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const { httpStatus, body } = await this.probe.ready();
    response.status(httpStatus);
    return body;
  }
}
