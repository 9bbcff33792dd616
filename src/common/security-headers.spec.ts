import type { AddressInfo } from 'node:net';
import express from 'express';
import { securityHeaders } from './security-headers';

/** A real express server with only the header middleware, answering one page. */
async function headersFor(publicBaseUrl: string, path = '/'): Promise<Headers> {
  const app = express();
  app.use(securityHeaders({ PUBLIC_BASE_URL: publicBaseUrl }));
  app.get(/.*/, (_request, response) => {
    response.send('ok');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    await response.text();
    return response.headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('securityHeaders', () => {
  it('should send HSTS when the public base URL is https, on pages and the API docs', async () => {
    for (const path of ['/', '/api/docs']) {
      const headers = await headersFor('https://nahbar.agency.example', path);
      expect(headers.get('strict-transport-security')).toBe('max-age=31536000');
    }
  });

  it('should send no HSTS when the public base URL is plain http', async () => {
    for (const path of ['/', '/api/docs']) {
      const headers = await headersFor('http://127.0.0.1:3000', path);
      expect(headers.get('strict-transport-security')).toBeNull();
      expect(headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
