import { loadConfig } from '../config/config';
import { stalledJobOptions } from './queue-worker';

/** A worker's start-up (Nest, connections) after a crash, on a busy machine. */
const START_UP_MS = 10_000;

describe('stalledJobOptions', () => {
  it("should, with the defaults, run a killed worker's jobs again within 45 s", () => {
    const { lockDuration, stalledInterval } = stalledJobOptions(loadConfig({ NODE_ENV: 'test' }));
    // The lock expires unrenewed at most lockDuration after the kill; the next check sees it.
    expect(lockDuration + stalledInterval + START_UP_MS).toBeLessThanOrEqual(45_000);
    // Renewed every lockDuration / 2: a busy event loop must not lose a running job's lock.
    expect(lockDuration).toBeGreaterThanOrEqual(15_000);
  });

  it('should take both from the settings', () => {
    expect(
      stalledJobOptions(
        loadConfig({ NODE_ENV: 'test', QUEUE_LOCK_MS: '1000', QUEUE_STALLED_CHECK_MS: '500' }),
      ),
    ).toEqual({ lockDuration: 1000, stalledInterval: 500 });
  });
});
