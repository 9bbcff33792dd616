import type { DataSource } from 'typeorm';
import { VolunteersService } from './volunteers.service';

/**
 * The magic-link form must not reveal which addresses are registered: up to the answer, a known
 * and an unknown address cause exactly the same calls (one Redis throttle); the lookup and the
 * email come after it.
 */
function serviceWith(registered: string[]): { service: VolunteersService; calls: string[] } {
  const calls: string[] = [];
  const dataSource = {
    getRepository: () => ({
      findOneBy: ({ email }: { email: string }) => {
        calls.push('db:find-volunteer');
        return Promise.resolve(registered.includes(email) ? { id: 'v-1', email, locale: 'de' } : null);
      },
    }),
    transaction: async (work: (manager: unknown) => Promise<string>) => {
      calls.push('db:transaction');
      return work({});
    },
  } as unknown as DataSource;
  const notifications = {
    queue: () => {
      calls.push('queue:notification');
      return Promise.resolve('job-1');
    },
  };
  const outbox = { relaySoon: () => calls.push('outbox:relay') };
  const abuse = {
    firstEmailThisHour: () => {
      calls.push('redis:throttle');
      return Promise.resolve(true);
    },
  };
  const service = new VolunteersService(
    dataSource,
    {} as never,
    {} as never,
    {} as never,
    outbox as never,
    notifications as never,
    abuse as never,
  );
  return { service, calls };
}

describe('self-service link requests', () => {
  it('do the same work before answering for a known and an unknown address', async () => {
    const known = serviceWith(['anna@example.org']);
    const unknown = serviceWith(['anna@example.org']);

    await known.service.sendSelfServiceLink(' Anna@Example.org ');
    await unknown.service.sendSelfServiceLink('nobody@example.org');
    const knownAtAnswer = [...known.calls];
    const unknownAtAnswer = [...unknown.calls];

    await known.service.selfServiceLinksSettled();
    await unknown.service.selfServiceLinksSettled();
    expect(knownAtAnswer).toEqual(unknownAtAnswer);
    expect(knownAtAnswer).toEqual(['redis:throttle']);
    // After the answer, only the registered address gets its email.
    expect(known.calls).toEqual([
      'redis:throttle',
      'db:find-volunteer',
      'db:transaction',
      'queue:notification',
      'outbox:relay',
    ]);
    expect(unknown.calls).toEqual(['redis:throttle', 'db:find-volunteer']);
  });
});
