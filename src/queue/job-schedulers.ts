import type { Queue, RepeatOptions } from 'bullmq';

/**
 * Declares a job scheduler unless Redis already holds it with the same timing. Every worker
 * declares the schedulers at start and again every minute (a Redis that lost its data lost them
 * too); upserting one that exists would re-create its next job, and a re-created job whose period
 * just ran runs again (seen with three workers in test/e2e/scale-out.e2e-spec.ts). Returns whether
 * it wrote.
 */
export async function ensureJobScheduler(
  queue: Queue,
  id: string,
  repeat: Pick<RepeatOptions, 'every' | 'pattern' | 'tz'>,
  template: { name: string; data: object },
): Promise<boolean> {
  const existing = await queue.getJobScheduler(id);
  if (
    existing &&
    existing.every === repeat.every &&
    existing.pattern === repeat.pattern &&
    (existing.tz ?? undefined) === repeat.tz
  ) {
    return false;
  }
  await queue.upsertJobScheduler(id, repeat, template);
  return true;
}
