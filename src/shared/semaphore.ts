/**
 * At most `limit` holders at once and at most `maxWaiting` in line; `tryAcquire` answers null when
 * the line is full, so a flood is refused at once instead of piling up.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
  ) {}

  /** A release function, or null when `limit` are running and `maxWaiting` already wait. */
  async tryAcquire(): Promise<(() => void) | null> {
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxWaiting) {
      return null;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    // The slot was handed over by release(): `active` was not decremented.
    return this.releaser();
  }

  get inUse(): number {
    return this.active;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const next = this.waiting.shift();
      if (next) {
        next();
      } else {
        this.active--;
      }
    };
  }
}
