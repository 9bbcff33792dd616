import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('lets `limit` run, queues `maxWaiting`, refuses the rest', async () => {
    const semaphore = new Semaphore(2, 1);
    const first = await semaphore.tryAcquire();
    const second = await semaphore.tryAcquire();
    const third = semaphore.tryAcquire();
    await expect(semaphore.tryAcquire()).resolves.toBeNull();
    expect(semaphore.inUse).toBe(2);
    first?.();
    const handedOver = await third;
    expect(handedOver).toEqual(expect.any(Function));
    expect(semaphore.inUse).toBe(2);
    second?.();
    handedOver?.();
    handedOver?.();
    expect(semaphore.inUse).toBe(0);
  });
});
