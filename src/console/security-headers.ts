import type { NextFunction, Request, Response } from 'express';

/**
 * The console runs no script at all, so the policy can forbid every script, frames of it on other
 * sites (clickjacking) and forms posting anywhere but here.
 */
export const CONSOLE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function consoleSecurityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Content-Security-Policy', CONSOLE_CSP);
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'same-origin');
  next();
}
