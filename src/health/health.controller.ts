import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { JobQueues } from '../queue/job-queues.service';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    // Infrastructure, like database/: asks whether PostgreSQL answers at all, reads no feature's table.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  /** 200 when PostgreSQL and Redis both answer, else 503 naming the one that does not. */
  @Get()
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
