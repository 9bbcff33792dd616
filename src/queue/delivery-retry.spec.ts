import fc from 'fast-check';
import { attemptsCoveringWindow, retryDelayMs, retryWindowIsOver, type RetryPolicy } from './delivery-retry';

const DAY: RetryPolicy = { baseDelayMs: 5000, maxDelayMs: 3_600_000, windowMs: 24 * 3_600_000 };

describe('retryDelayMs', () => {
  it('should double from the base delay and stop at the cap', () => {
    const highest = (retry: number) => retryDelayMs(retry, DAY, () => 1);
    expect([1, 2, 3, 4].map(highest)).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(highest(11)).toBe(3_600_000);
    expect(highest(500)).toBe(3_600_000);
  });

  it('should keep at least half of the delay, so jitter never turns a retry into a hammering', () => {
    expect(retryDelayMs(1, DAY, () => 0)).toBe(2500);
    expect(retryDelayMs(3, DAY, () => 0.5)).toBe(15_000);
  });

  it('should stay between half and all of the capped exponential delay for any retry', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (retry, r) => {
          const ceiling = Math.min(DAY.maxDelayMs, DAY.baseDelayMs * 2 ** Math.min(retry - 1, 40));
          const delay = retryDelayMs(retry, DAY, () => r);
          return delay >= ceiling / 2 && delay <= ceiling;
        },
      ),
    );
  });
});

describe('retryWindowIsOver', () => {
  const first = new Date('2026-11-20T10:00:00Z');

  it('should keep retrying within the window and stop at its end', () => {
    expect(retryWindowIsOver(first, new Date('2026-11-21T09:59:59Z'), DAY)).toBe(false);
    expect(retryWindowIsOver(first, new Date('2026-11-21T10:00:00Z'), DAY)).toBe(true);
  });
});

describe('attemptsCoveringWindow', () => {
  it('should allow enough attempts that the shortest possible delays still span the window', () => {
    const attempts = attemptsCoveringWindow(DAY);
    let spanned = 0;
    for (let retry = 1; retry < attempts; retry += 1) {
      spanned += retryDelayMs(retry, DAY, () => 0);
    }
    expect(spanned).toBeGreaterThanOrEqual(DAY.windowMs);
    expect(attempts).toBe(58); // 24 h: ten doublings, then the 30-minute floor of the one-hour cap
  });

  it('should need only a few attempts for a short window', () => {
    expect(attemptsCoveringWindow({ baseDelayMs: 100, maxDelayMs: 400, windowMs: 1000 })).toBe(8); // 50+100+200×5 ms
  });
});
