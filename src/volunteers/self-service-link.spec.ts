import type { DataSource } from 'typeorm';
import { VolunteersService } from './volunteers.service';

/**
 * The magic-link form must not reveal which addresses are registered: a known and an unknown
 * address cause exactly the same calls (one Redis throttle, the email written to the outbox in one
 * transaction); no lookup happens in the request, the worker's composer decides.
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
  it('do the same work for a known and an unknown address, and no lookup', async () => {
    const known = serviceWith(['anna@example.org']);
    const unknown = serviceWith(['anna@example.org']);

    await known.service.sendSelfServiceLink(' Anna@Example.org ');
    await unknown.service.sendSelfServiceLink('nobody@example.org');
    expect(known.calls).toEqual(unknown.calls);
    expect(known.calls).toEqual(['redis:throttle', 'db:transaction', 'queue:notification', 'outbox:relay']);
  });
});
