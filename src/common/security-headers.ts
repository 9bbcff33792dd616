import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/config';

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

const HSTS_SECONDS = 365 * 86_400;

const headers = (directives: Record<string, string[]>, https: boolean) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // HSTS only where the site really is https: over plain http (local, tests, a demo) it would
    // make browsers refuse the host later, and browsers ignore it on http anyway.
    strictTransportSecurity: https ? { maxAge: HSTS_SECONDS, includeSubDomains: false } : false,
    // Links in emails carry tokens in the path; no page may hand them on as a referrer.
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });

/**
 * The one place that sets security headers: applied first in the API app, so every answer (pages,
 * JSON, errors, 404s) carries them. Besides the CSP: nosniff, no referrer, no X-Powered-By, and
 * HSTS when PUBLIC_BASE_URL is https.
 */
export function securityHeaders(
  config: Pick<AppConfig, 'PUBLIC_BASE_URL'>,
): (request: Request, response: Response, next: NextFunction) => void {
  const https = new URL(config.PUBLIC_BASE_URL).protocol === 'https:';
  const pageHeaders = headers(PAGE_DIRECTIVES, https);
  const apiDocsHeaders = headers(API_DOCS_DIRECTIVES, https);
  return (request, response, next) => {
    const isApiDocs = request.path === API_DOCS_PATH || request.path.startsWith(`${API_DOCS_PATH}/`);
    (isApiDocs ? apiDocsHeaders : pageHeaders)(request, response, next);
  };
}
