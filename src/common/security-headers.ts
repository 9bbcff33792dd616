import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Directives every response gets. No page runs a script, so none may run: injected markup stays inert.
 * The pages carry their CSS inline (`<style>`, and emails' `style=""` in the mail sink and previews),
 * hence 'unsafe-inline' for styles only. No framing by any site (clickjacking), forms post only here,
 * and no `<base>` can redirect relative links.
 */
const PAGE_DIRECTIVES = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

/** Swagger UI at /api/docs is the one page that needs scripts: its own bundle, served from here. */
const API_DOCS_DIRECTIVES = {
  ...PAGE_DIRECTIVES,
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
};

export const API_DOCS_PATH = '/api/docs';

const headers = (directives: Record<string, string[]>) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Links in emails carry tokens in the path; no page may hand them on as a referrer.
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });

const pageHeaders = headers(PAGE_DIRECTIVES);
const apiDocsHeaders = headers(API_DOCS_DIRECTIVES);

/**
 * The one place that sets security headers: applied first in the API app, so every answer (pages,
 * JSON, errors, 404s) carries them. Besides the CSP: nosniff, no referrer, no X-Powered-By, HSTS.
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  const isApiDocs = request.path === API_DOCS_PATH || request.path.startsWith(`${API_DOCS_PATH}/`);
  (isApiDocs ? apiDocsHeaders : pageHeaders)(request, response, next);
}
