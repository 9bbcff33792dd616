import type { NextFunction, Request, Response } from 'express';

/**
 * The API's version. Clients call `/api/v1/…`; the unversioned `/api/…` is the same operation (an
 * alias kept for existing clients and scripts). See docs/api.md for what may change and when.
 */
export const API_VERSION = '1';
export const API_UNVERSIONED_PREFIX = '/api/';
export const API_VERSIONED_PREFIX = `/api/v${API_VERSION}/`;

/** The path the routes are registered under, for a versioned one; anything else unchanged. */
export function unversionedPath(url: string): string {
  const versioned = API_VERSIONED_PREFIX.slice(0, -1);
  if (url === versioned || url.startsWith(`${versioned}/`) || url.startsWith(`${versioned}?`)) {
    return `/api${url.slice(versioned.length)}`;
  }
  return url;
}

/** The versioned path of a documented route, e.g. `/api/staff/session` → `/api/v1/staff/session`. */
export function versionedPath(path: string): string {
  return path.startsWith(API_UNVERSIONED_PREFIX) && !path.startsWith(API_VERSIONED_PREFIX)
    ? `${API_VERSIONED_PREFIX}${path.slice(API_UNVERSIONED_PREFIX.length)}`
    : path;
}

/**
 * First middleware: `/api/v1/…` is routed as `/api/…` (one set of routes, so the two cannot
 * drift), and every API answer says which version served it.
 */
export function apiVersioning(request: Request, response: Response, next: NextFunction): void {
  request.url = unversionedPath(request.url);
  if (request.url.startsWith(API_UNVERSIONED_PREFIX)) {
    response.setHeader('API-Version', API_VERSION);
  }
  next();
}
