import type IORedis from 'ioredis';

/**
 * The scheduled-run log: every run of a scheduled job (BullMQ job schedulers, the notification
 * sweeper) counts one in a Redis hash per UTC day under the agency's key prefix, field
 * `<job name> <run key>`. Operators read it with `HGETALL <prefix>:scheduled-runs:<day>`; a field
 * above 1 is a period that ran twice. Kept for a week.
 */
const KEEP_SECONDS = 8 * 24 * 3600;

export const scheduledRunsKey = (prefix: string, now: Date): string =>
  `${prefix}:scheduled-runs:${now.toISOString().slice(0, 10)}`;

export const scheduledRunField = (jobName: string, runKey: string): string => `${jobName} ${runKey}`;

/** Best effort: a run is never held up or failed because Redis could not count it. */
export async function recordScheduledRun(
  redis: IORedis,
  prefix: string,
  jobName: string,
  runKey: string,
  now = new Date(),
): Promise<void> {
  const key = scheduledRunsKey(prefix, now);
  await redis
    .multi()
    .hincrby(key, scheduledRunField(jobName, runKey), 1)
    .expire(key, KEEP_SECONDS)
    .exec()
    .catch(() => undefined);
}

/** The period `now` falls in, counted from the epoch; all workers agree on it. */
export const periodIndex = (periodMs: number, now: Date): number => Math.floor(now.getTime() / periodMs);

export const periodClaimKey = (prefix: string, name: string, periodMs: number, now: Date): string =>
  `${prefix}:period:${name}:${periodMs}:${periodIndex(periodMs, now)}`;

/**
 * True for the first worker to ask in this period (SET NX): timers that every worker runs (the
 * sweeper) do their work once per period over all of them. Null when Redis cannot say.
 */
export async function claimPeriod(
  redis: IORedis,
  prefix: string,
  name: string,
  periodMs: number,
  now = new Date(),
): Promise<boolean | null> {
  try {
    const key = periodClaimKey(prefix, name, periodMs, now);
    return (await redis.set(key, String(process.pid), 'PX', periodMs * 2, 'NX')) === 'OK';
  } catch {
    return null;
  }
}
