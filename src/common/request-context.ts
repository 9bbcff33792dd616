import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request id of the work in progress: an HTTP request's (X-Request-Id) or, in a worker, the id
 * the job was enqueued under, so one id follows a submission from the form to its emails' logs.
 */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Only letters, digits and `._-`, at most 64: a client-supplied id lands in logs verbatim. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** A proxy's or client's id if it is harmless, else a fresh one. */
export function acceptRequestId(incoming: unknown): string {
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
