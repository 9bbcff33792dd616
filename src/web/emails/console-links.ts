/*
 * Where staff emails point: the console's pages, which a staff member opens in the browser they
 * are signed in to; never the JSON API (which answers a browser with raw JSON or a 401).
 */
export interface ConsoleLinks {
  request(id: string): string;
  volunteer(id: string): string;
  today(): string;
}

export function consoleLinks(publicBaseUrl: string): ConsoleLinks {
  const base = publicBaseUrl.replace(/\/$/, '');
  return {
    request: (id) => `${base}/console/requests/${encodeURIComponent(id)}`,
    volunteer: (id) => `${base}/console/volunteers/${encodeURIComponent(id)}`,
    today: () => `${base}/console`,
  };
}
