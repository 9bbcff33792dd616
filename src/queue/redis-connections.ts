import type { RedisOptions } from 'bullmq';
import IORedis from 'ioredis';

/**
 * Producers fail fast (no offline queue), so a Redis outage surfaces at once and the outbox keeps
 * the job; workers block on Redis and must never give up a command (`maxRetriesPerRequest: null`).
 */
export function producerConnection(redisUrl: string): IORedis {
  // A short disconnect timeout, so shutting down while Redis is unreachable does not hang for 2 s.
  return new IORedis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    disconnectTimeout: 200,
  });
}

/** BullMQ's own options type: ioredis's is not assignable to BullMQ 6's connection options. */
export function workerConnectionOptions(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password || undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null,
  };
}
