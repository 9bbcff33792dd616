import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/** The answers of every audience: public page, link page, console, JSON API, errors and 404s. */
const ROUTES: [what: string, method: string, path: string, status: number, type: string][] = [
  ['the public start page', 'GET', '/', 200, 'text/html'],
  ['the console login', 'GET', '/console/login', 200, 'text/html'],
  ['a console page without a session', 'GET', '/console', 303, ''],
  ['a link page with a forged token', 'GET', '/offers/not-a-token', 400, 'text/html'],
  ['the JSON health check', 'GET', '/api/health', 200, 'application/json'],
  ['a JSON error', 'POST', '/api/public/help-requests', 400, 'application/json'],
  ['an unknown address', 'GET', '/no-such-page', 404, 'application/json'],
  ['an unknown API address', 'GET', '/api/no-such-route', 404, 'application/json'],
];

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part): [string, string] => {
        const [name, ...values] = part.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

describe('Security headers', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it.each(ROUTES)('should send them on %s', async (_what, method, path, status, type) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      ...(method === 'POST' ? { headers: { 'Content-Type': 'application/json' }, body: '{}' } : {}),
    });
    await response.arrayBuffer();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type') ?? '').toContain(type);

    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.has('script-src')).toBe(false);
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('form-action')).toBe("'self'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-powered-by')).toBeNull();
    // The test stack's PUBLIC_BASE_URL is http: no HSTS (the https case: security-headers.spec.ts).
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('should let the API docs (Swagger UI) run their own scripts, and only those', async () => {
    const response = await fetch(`${stack.baseUrl}/api/docs`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('swagger-ui-bundle.js');
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
