import { MicroBatcher } from './micro-batch';

/** A batch runner the test releases by hand, recording the batches it was given. */
function controlledRunner() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: number[]): Promise<number[]> => {
    batches.push(items);
    return new Promise((resolve, reject) => {
      pending.push(() =>
        items.includes(13) ? reject(new Error('unlucky')) : resolve(items.map((item) => item * 10)),
      );
    });
  };
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { batches, run, releaseAll };
}

describe('MicroBatcher', () => {
  it('should start a lone item at once and gather the items that arrive while the slots are busy', async () => {
    const runner = controlledRunner();
    const batcher = new MicroBatcher({ maxBatchSize: 3, maxConcurrentBatches: 1, run: runner.run });

    const results = [1, 2, 3, 4, 5, 6].map((item) => batcher.submit(item));
    expect(runner.batches).toEqual([[1]]);
    await runner.releaseAll();

    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(runner.batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('should run up to maxConcurrentBatches batches side by side', async () => {
    const runner = controlledRunner();
    const batcher = new MicroBatcher({ maxBatchSize: 2, maxConcurrentBatches: 2, run: runner.run });

    const results = [1, 2, 3, 4, 5].map((item) => batcher.submit(item));
    expect(runner.batches).toEqual([[1], [2]]);
    await runner.releaseAll();

    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    expect(runner.batches.slice(2)).toEqual([[3, 4], [5]]);
  });

  it('should fail only the bad item of a failed batch, after running the others alone', async () => {
    const runner = controlledRunner();
    const batcher = new MicroBatcher({ maxBatchSize: 4, maxConcurrentBatches: 1, run: runner.run });

    const results = [1, 12, 13, 14].map((item) =>
      batcher.submit(item).catch((error: Error) => error.message),
    );
    await runner.releaseAll();

    expect(await Promise.all(results)).toEqual([10, 120, 'unlucky', 140]);
    expect(runner.batches).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('should treat a batch that returns the wrong number of results as failed', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>({
      maxBatchSize: 4,
      maxConcurrentBatches: 1,
      run: (items) => {
        batches.push(items);
        return Promise.resolve(items.length > 1 ? [0] : items);
      },
    });

    const results = await Promise.all([7, 8, 9].map((item) => batcher.submit(item)));

    expect(results).toEqual([7, 8, 9]);
    expect(batches).toEqual([[7], [8, 9], [8], [9]]);
  });

  it('should refuse limits below 1', () => {
    expect(
      () => new MicroBatcher({ maxBatchSize: 0, maxConcurrentBatches: 1, run: () => Promise.resolve([]) }),
    ).toThrow(/at least 1/);
  });
});
