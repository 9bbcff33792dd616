/** What a probe found: each dependency answers or not. */
export type DependencyState = 'up' | 'down';

export interface Readiness {
  httpStatus: 200 | 503;
  body: { status: 'ok' | 'degraded' | 'unavailable'; postgres: DependencyState; redis: DependencyState };
}

/**
 * Ready when PostgreSQL answers: everything worth keeping is saved there. Redis down is only
 * degraded (200): the API saves through the outbox and the worker relays it later, and restarting
 * a process would not bring Redis back. PostgreSQL down is 503: take the process out of rotation.
 */
export function readiness(postgres: DependencyState, redis: DependencyState): Readiness {
  if (postgres === 'down') {
    return { httpStatus: 503, body: { status: 'unavailable', postgres, redis } };
  }
  return { httpStatus: 200, body: { status: redis === 'up' ? 'ok' : 'degraded', postgres, redis } };
}
