import { Notification } from '../../src/notifications/notification.entity';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The public endpoints' abuse protection with the real limits (5 an hour per client address,
 * 3 per email address), counters in Redis under the stack's own prefix. The stack trusts
 * X-Forwarded-For here, as behind a reverse proxy, so one test can speak for many addresses.
 */
describe('abuse protection of the public endpoints', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({
      smtpPort: smtp.port,
      worker: false,
      env: {
        TRUST_PROXY: 'true',
        PUBLIC_SUBMISSIONS_PER_IP_HOUR: '5',
        PUBLIC_SUBMISSIONS_PER_EMAIL_HOUR: '3',
      },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function post(path: string, ip: string, body: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  const signUp = (email: string) => {
    const {
      status: _status,
      emailVerifiedByStaff: _verified,
      quietHours: _quiet,
      ...profile
    } = volunteerBody({ email });
    return { ...profile, consent: { volunteerPool: true } };
  };

  it('should accept 5 help requests an hour from one address, then answer 429 in the one error shape', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push(
        (await post('/api/public/help-requests', '198.51.100.1', publicHelpRequestBody())).status,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const refused = await post('/api/public/help-requests', '198.51.100.1', publicHelpRequestBody());
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'too-many-submissions' });
    // Another address is not affected.
    expect((await post('/api/public/help-requests', '198.51.100.2', publicHelpRequestBody())).status).toBe(
      201,
    );
  });

  it('should limit submissions per email address across addresses', async () => {
    const body = publicHelpRequestBody({
      helpSeeker: { name: 'Erika Muster', email: 'erika@example.org', preferredContact: 'email' },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await post('/api/public/help-requests', `198.51.100.${10 + i}`, body)).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });

  it('should answer a sign-up the same whether or not the address is registered, with one confirmation email', async () => {
    const first = await post('/api/public/volunteers', '198.51.100.30', signUp('dora@example.org'));
    const again = await post('/api/public/volunteers', '198.51.100.31', signUp('DORA@example.org'));
    const fresh = await post('/api/public/volunteers', '198.51.100.32', signUp('emil@example.org'));
    expect([first, again, fresh]).toEqual([
      { status: 202, body: { status: 'check-your-email' } },
      { status: 202, body: { status: 'check-your-email' } },
      { status: 202, body: { status: 'check-your-email' } },
    ]);
    const confirmations = await stack.dataSource
      .getRepository(Notification)
      .findBy({ kind: 'volunteer-email-confirmation', recipient: 'dora@example.org' });
    expect(confirmations).toHaveLength(1);
    const [{ status }] = await stack.dataSource.query(
      `SELECT status FROM volunteer WHERE email = 'dora@example.org'`,
    );
    expect(status).toBe('pending');
  });

  it('should store nothing for a filled honeypot and answer like a success', async () => {
    const before = await stack.dataSource.query(`SELECT count(*)::int AS n FROM help_request`);
    const answer = await post('/api/public/help-requests', '198.51.100.40', {
      ...publicHelpRequestBody(),
      website: 'http://spam.example',
    });
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe('in-review');
    expect(await stack.dataSource.query(`SELECT count(*)::int AS n FROM help_request`)).toEqual(before);
  });

  it('should refuse an oversized body with 413 and a form with too many fields with 413', async () => {
    const huge = await post('/api/public/help-requests', '198.51.100.50', {
      ...publicHelpRequestBody(),
      description: 'x'.repeat(200_000),
    });
    expect(huge.status).toBe(413);
    const form = await fetch(`${stack.baseUrl}/help`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Array.from({ length: 500 }, (_, i) => `f${i}=x`).join('&'),
    });
    expect(form.status).toBe(413);
  });
});
