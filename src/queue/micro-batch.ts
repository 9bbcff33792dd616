export interface MicroBatchOptions<T, R> {
  /** Most items handed to `run` at once. */
  maxBatchSize: number;
  /** Batches running at the same time; items arriving meanwhile wait and form the next batch. */
  maxConcurrentBatches: number;
  /** Handles a batch; returns one result per item, in order. */
  run: (items: T[]) => Promise<R[]>;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers single calls into batches without a timer: a call starts a batch at once when a slot is
 * free, and calls that arrive while the slots are busy wait and go together in the next one. So a
 * lone job is not delayed, and under load the batches grow by themselves. A failed batch is run
 * again item by item, so one bad item fails only its own call.
 */
export class MicroBatcher<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private running = 0;

  constructor(private readonly options: MicroBatchOptions<T, R>) {
    if (options.maxBatchSize < 1 || options.maxConcurrentBatches < 1) {
      throw new Error('MicroBatcher needs maxBatchSize and maxConcurrentBatches of at least 1');
    }
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.running < this.options.maxConcurrentBatches && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatchSize);
      this.running += 1;
      void this.runBatch(batch).finally(() => {
        this.running -= 1;
        this.startBatches();
      });
    }
  }

  private async runBatch(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.options.run(batch.map((waiting) => waiting.item));
      if (results.length !== batch.length) {
        throw new Error(`batch of ${batch.length} returned ${results.length} results`);
      }
      batch.forEach((waiting, index) => waiting.resolve(results[index]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const waiting of batch) {
        await this.runBatch([waiting]);
      }
    }
  }
}
