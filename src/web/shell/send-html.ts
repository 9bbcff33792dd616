import type { Response } from 'express';

/**
 * Sends a rendered page. Personal pages (behind a link from an email, or a staff page) are never
 * cached and never leak their address as a referrer.
 */
export function sendHtml(
  response: Response,
  status: number,
  html: string,
  options: { personal: boolean } = { personal: true },
): void {
  response.status(status).type('text/html; charset=utf-8');
  if (options.personal) {
    response.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  }
  response.send(html);
}
