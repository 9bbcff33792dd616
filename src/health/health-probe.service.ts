import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueues } from '../queue/job-queues.service';
import { DependencyState, readiness, Readiness } from './readiness';

/** How long a probe waits for a dependency before calling it down (probes must answer quickly). */
const PROBE_TIMEOUT_MS = 2000;

const within = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

/** Asks PostgreSQL and Redis whether they answer; shared by the API's routes and the worker's port. */
@Injectable()
export class HealthProbe {
  constructor(
    // Infrastructure, like database/: asks whether PostgreSQL answers at all, reads no feature's table.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  async dependencies(): Promise<{ postgres: DependencyState; redis: DependencyState }> {
    const [postgres, redis] = await Promise.all([
      within(this.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(this.queues.ping(), PROBE_TIMEOUT_MS).then(
        (ok) => (ok ? ('up' as const) : ('down' as const)),
        () => 'down' as const,
      ),
    ]);
    return { postgres, redis };
  }

  async ready(): Promise<Readiness> {
    const { postgres, redis } = await this.dependencies();
    return readiness(postgres, redis);
  }
}
