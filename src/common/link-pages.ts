import type { Response } from 'express';

/**
 * Personal pages are never cached, never leaking their address as a referrer. Link pages use
 * src/web/shell/send-html.ts; this stays until the public pages move there too.
 */
export function sendPage(response: Response, status: number, html: string): void {
  response
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    })
    .send(html);
}
