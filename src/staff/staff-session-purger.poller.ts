import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';

/**
 * Every SESSION_PURGE_MS a worker deletes staff sessions past their absolute or idle end: they can
 * no longer log anyone in, and a table of dead token hashes is data nobody needs. Several workers
 * purging at once is harmless (the same DELETE). Logs counts only.
 */
@Injectable()
export class StaffSessionPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StaffSessionPurger.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // DataSource, not repositories: one DELETE over the session table, in the worker.
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.purge()
        .then((deleted) => deleted > 0 && this.logger.log(`purged ${deleted} expired staff session(s)`))
        .catch((error: unknown) => this.logger.warn(`session purge postponed: ${(error as Error).message}`))
        .then(() => (this.running = undefined));
    }, this.config.SESSION_PURGE_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many sessions it deleted. */
  async purge(): Promise<number> {
    const [, deleted] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM staff_session
        WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1)`,
      [this.config.SESSION_IDLE_MINUTES],
    );
    return deleted;
  }
}
