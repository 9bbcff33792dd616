import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiErrors } from '../common/api-docs';
import { HealthDto, LivenessDto, ReadinessDto } from './dto/health.response';
import type { Response } from 'express';
import { HealthProbe } from './health-probe.service';

@ApiTags(API_TAGS.operations)
@Controller('api/health')
export class HealthController {
  constructor(private readonly probe: HealthProbe) {}

  /**
   * The strict check: 200 when PostgreSQL and Redis both answer, else 503 naming the one that does
   * not. For monitoring "is everything up"; load balancers and container probes use live/ready.
   */
  @Get()
  @ApiDoc(
    'Is the service healthy?',
    'For load balancers and monitoring: 200 when PostgreSQL and Redis both answer, else 503 naming the one that does not. No login.',
  )
  @ApiOkResponse({ type: HealthDto, description: 'PostgreSQL and Redis answer' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'one of them does not answer' })
  @ApiErrors(500)
  async check(@Res({ passthrough: true }) response: Response) {
    const { postgres, redis } = await this.probe.dependencies();
    const status = postgres === 'up' && redis === 'up' ? 'ok' : 'degraded';
    response.status(status === 'ok' ? 200 : 503);
    return { status, postgres, redis };
  }

  /** The process answers HTTP; touches no dependency (a restart is the only cure when this fails). */
  @Get('live')
  @ApiDoc(
    'Is the process alive?',
    'For container liveness probes: 200 as long as the process answers HTTP; checks no dependency. No login.',
  )
  @ApiOkResponse({ type: LivenessDto, description: 'the process answers' })
  @ApiErrors(500)
  live() {
    return { status: 'ok' };
  }

  /** PostgreSQL reachable → 200 (Redis down → 200 "degraded"); PostgreSQL down → 503. */
  @Get('ready')
  @ApiDoc(
    'Can the process take traffic?',
    'For load balancers and readiness probes: 200 when PostgreSQL answers (status "degraded" when only Redis is down, since requests are saved through the outbox), 503 when PostgreSQL does not. No login.',
  )
  @ApiOkResponse({ type: ReadinessDto, description: 'PostgreSQL answers' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'PostgreSQL does not answer' })
  @ApiErrors(500)
  async ready(@Res({ passthrough: true }) response: Response) {
    const { httpStatus, body } = await this.probe.ready();
    response.status(httpStatus);
    return body;
  }
}
