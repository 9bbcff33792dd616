import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiErrors } from '../common/api-docs';
import { HealthDto } from './dto/health.response';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { JobQueues } from '../queue/job-queues.service';

@ApiTags(API_TAGS.operations)
@Controller('api/health')
export class HealthController {
  constructor(
    // Infrastructure, like database/: asks whether PostgreSQL answers at all, reads no feature's table.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  /** 200 when PostgreSQL and Redis both answer, else 503 naming the one that does not. */
  @Get()
  @ApiDoc(
    'Is the service healthy?',
    'For load balancers and monitoring: 200 when PostgreSQL and Redis both answer, else 503 naming the one that does not. No login.',
  )
  @ApiOkResponse({ type: HealthDto, description: 'PostgreSQL and Redis answer' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'one of them does not answer' })
  @ApiErrors(500)
  async check(@Res({ passthrough: true }) response: Response) {
    const [postgres, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.queues.ping().then((ok) => (ok ? ('up' as const) : ('down' as const))),
    ]);
    const status = postgres === 'up' && redis === 'up' ? 'ok' : 'degraded';
    response.status(status === 'ok' ? 200 : 503);
    return { status, postgres, redis };
  }
}
