import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { DomainError } from '../shared/domain-error';
import { APP_CONFIG, AppConfig } from '../config/config';
import { producerConnection } from '../queue/redis-connections';
import { emailKeyPart, HOUR_MS, PublicSubmission, windowKey } from './abuse-keys';

// What the public forms need besides the service: the honeypot check and the submission kinds.
export { isHoneypotFilled, type PublicSubmission } from './abuse-keys';

export class TooManySubmissionsError extends DomainError {
  constructor() {
    super('too-many-submissions', 'too many submissions from here; please try again in an hour or call us');
  }
}

/** Too many staff logins from one address or for one account this hour (429). */
export class TooManyLoginsError extends DomainError {
  constructor() {
    super('too-many-logins', 'too many login attempts; please try again in an hour');
  }
}

/**
 * Rate limits for the public forms, kept in Redis so they hold across API instances: fixed hourly
 * windows (INCR + PEXPIRE) per client IP and per email address. If Redis is unreachable the forms
 * stay open (logged): a help-seeker must not be turned away because of an outage.
 */
@Injectable()
export class AbuseProtectionService implements OnModuleDestroy {
  private readonly logger = new Logger(AbuseProtectionService.name);
  private readonly redis: IORedis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = producerConnection(config.REDIS_URL);
    this.redis.on('error', () => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Counts one submission; throws TooManySubmissionsError when the IP or the address is over its limit. */
  async admit(kind: PublicSubmission, ip: string, email?: string | null): Promise<void> {
    const now = Date.now();
    const checks: [string, number][] = [
      [
        windowKey(this.config.QUEUE_PREFIX, `${kind}:ip`, ip, now),
        this.config.PUBLIC_SUBMISSIONS_PER_IP_HOUR,
      ],
    ];
    if (email) {
      checks.push([
        windowKey(this.config.QUEUE_PREFIX, `${kind}:email`, emailKeyPart(email), now),
        this.config.PUBLIC_SUBMISSIONS_PER_EMAIL_HOUR,
      ]);
    }
    const counts = await this.count(checks.map(([key]) => key));
    if (counts?.some((count, index) => count > checks[index][1])) {
      throw new TooManySubmissionsError();
    }
  }

  /**
   * Counts one staff login attempt (console or API, before the password is checked); throws
   * TooManyLoginsError when the client address or the account is over its hourly limit. The
   * account's counter is keyed by a hash of the address, so unknown addresses count the same.
   */
  async admitLogin(ip: string, email: string): Promise<void> {
    const now = Date.now();
    const checks: [string, number][] = [
      [windowKey(this.config.QUEUE_PREFIX, 'staff-login:ip', ip, now), this.config.STAFF_LOGINS_PER_IP_HOUR],
      [
        windowKey(this.config.QUEUE_PREFIX, 'staff-login:account', emailKeyPart(email), now),
        this.config.STAFF_LOGINS_PER_ACCOUNT_HOUR,
      ],
    ];
    const counts = await this.count(checks.map(([key]) => key));
    if (counts?.some((count, index) => count > checks[index][1])) {
      throw new TooManyLoginsError();
    }
  }

  /**
   * True the first time in an hour for this purpose and address (SET NX PX): a flood of sign-ups
   * sends at most one email per address and hour.
   */
  async firstEmailThisHour(purpose: string, email: string): Promise<boolean> {
    try {
      const key = `${this.config.QUEUE_PREFIX}:abuse:mail:${purpose}:${emailKeyPart(email)}`;
      return (await this.redis.set(key, '1', 'PX', HOUR_MS, 'NX')) === 'OK';
    } catch (error) {
      this.logger.warn(`mail throttle unavailable: ${(error as Error).message}`);
      return true;
    }
  }

  private async count(keys: string[]): Promise<number[] | null> {
    try {
      const pipeline = this.redis.multi();
      for (const key of keys) {
        pipeline.incr(key).pexpire(key, HOUR_MS + 60_000, 'NX');
      }
      const results = (await pipeline.exec()) ?? [];
      return keys.map((_, index) => Number(results[index * 2]?.[1] ?? 0));
    } catch (error) {
      this.logger.warn(`rate limits unavailable, admitting: ${(error as Error).message}`);
      return null;
    }
  }
}
