import { readiness } from './readiness';

describe('readiness', () => {
  it('is ok with both dependencies up', () => {
    expect(readiness('up', 'up')).toEqual({
      httpStatus: 200,
      body: { status: 'ok', postgres: 'up', redis: 'up' },
    });
  });

  it('stays ready but degraded without Redis, since the outbox keeps the work', () => {
    expect(readiness('up', 'down')).toEqual({
      httpStatus: 200,
      body: { status: 'degraded', postgres: 'up', redis: 'down' },
    });
  });

  it('is unavailable without PostgreSQL, whatever Redis says', () => {
    expect(readiness('down', 'up').httpStatus).toBe(503);
    expect(readiness('down', 'down').body.status).toBe('unavailable');
  });
});
