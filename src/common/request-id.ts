import type { NextFunction, Request, Response } from 'express';
import { acceptRequestId, runWithRequestId } from './request-context';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Express middleware: takes or makes the request id, answers with it, and runs the rest inside it. */
export function requestId(request: Request, response: Response, next: NextFunction): void {
  const id = acceptRequestId(request.headers['x-request-id']);
  response.setHeader(REQUEST_ID_HEADER, id);
  runWithRequestId(id, next);
}
