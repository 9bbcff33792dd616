import { randomBytes } from 'node:crypto';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { publicHelpRequestBody } from '../factories/api-bodies.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

const METRICS_TOKEN = randomBytes(24).toString('hex');

/** One sample's value from the exposition text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics and the console system page', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // No worker at first: a submitted request's matching job stays queued where we can see it.
    stack = await startTestStack({
      smtpPort: smtp.port,
      worker: false,
      env: { METRICS_TOKEN, WORKER_HEARTBEAT_SECONDS: '1' },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function scrape(
    token: string | null = METRICS_TOKEN,
  ): Promise<{ status: number; text: string; type: string }> {
    const response = await fetch(`${stack.baseUrl}/metrics`, {
      headers: token === null ? {} : { Authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      text: await response.text(),
      type: response.headers.get('content-type') ?? '',
    };
  }

  it('should refuse a scrape without the metrics token', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('not-the-token-not-the-token')).status).toBe(401);
  });

  it('should show a queued matching job in the queue depth, and its run once a worker takes it', async () => {
    const before = await scrape();
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain/);
    expect(sample(before.text, 'nahbar_queue_jobs{queue="matching",state="waiting"}')).toBe(0);
    expect(sample(before.text, 'nahbar_workers_alive')).toBe(0);

    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody(),
    });
    expect(created.status).toBe(201);
    const queued = await eventually('the matching job in the queue', async () => {
      const { text } = await scrape();
      // The outbox row is marked relayed just after the job reaches Redis: wait for both.
      return sample(text, 'nahbar_queue_jobs{queue="matching",state="waiting"}') === 1 &&
        sample(text, 'nahbar_outbox_pending') === 0
        ? text
        : null;
    });
    expect(sample(queued, 'nahbar_outbox_pending')).toBe(0);
    expect(sample(queued, 'nahbar_outbox_oldest_age_seconds')).toBe(0);
    expect(
      sample(
        queued,
        'nahbar_http_request_duration_seconds_count{method="POST",route="/api/public/help-requests",status="201"}',
      ),
    ).toBe(1);

    await stack.startWorker();
    const done = await eventually('the matching job run', async () => {
      const { text } = await scrape();
      return sample(text, 'nahbar_jobs_total{queue="matching",job="match-request",outcome="completed"}') === 1
        ? text
        : null;
    });
    expect(sample(done, 'nahbar_queue_jobs{queue="matching",state="waiting"}')).toBe(0);
    expect(sample(done, 'nahbar_job_duration_seconds_count{queue="matching",job="match-request"}')).toBe(1);
    expect(
      sample(done, 'nahbar_job_duration_seconds_bucket{queue="matching",job="match-request",le="+Inf"}'),
    ).toBe(1);
    expect(sample(done, 'nahbar_workers_alive')).toBe(1);
    // No volunteer yet, so no email either: the series exists, its values come with the first email.
    expect(done).toContain('# TYPE nahbar_emails gauge');
    expect(sample(done, 'nahbar_offers_awaiting_answer')).toBe(0);
  });

  it('should show admins the queues, the outbox and the workers, and nobody else', async () => {
    const admin = await createStaffUser(stack.dataSource, { role: 'admin' });
    const coordinator = await createStaffUser(stack.dataSource, { role: 'coordinator' });
    const page = async (email: string) => {
      const token = await loginAs(stack.baseUrl, email, STAFF_PASSWORD);
      const response = await fetch(`${stack.baseUrl}/console/settings/system`, {
        headers: { cookie: `nahbar_staff=${token}` },
        redirect: 'manual',
      });
      return { status: response.status, html: await response.text() };
    };
    expect((await page(coordinator.email)).status).toBe(403);

    const { status, html } = await page(admin.email);
    expect(status).toBe(200);
    expect(html).toContain('Systemzustand');
    expect(html).toMatch(/<tr data-queue="matching"><th scope="row">[^<]+<\/th><td>0<\/td>/);
    expect(html).toMatch(/<dd id="outbox-pending">0<\/dd>/);
    // The worker started above reports in (host and pid, no personal data).
    expect(html).toContain(`-${process.pid}</td>`);
  });
});

describe('/metrics and the system page while Redis is unreachable', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // Nothing listens on port 1: the API runs without Redis, as it must (the outbox keeps the jobs).
    stack = await startTestStack({
      smtpPort: smtp.port,
      worker: false,
      env: { METRICS_TOKEN },
      apiEnv: { REDIS_URL: 'redis://127.0.0.1:1' },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should still answer, saying Redis is down and counting what waits in the outbox', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody(),
    });
    expect(created.status).toBe(201);
    const response = await fetch(`${stack.baseUrl}/metrics`, {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(sample(text, 'nahbar_redis_up')).toBe(0);
    expect(sample(text, 'nahbar_outbox_pending')).toBe(1);
    expect(sample(text, 'nahbar_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(text).not.toContain('nahbar_queue_jobs{');

    const admin = await createStaffUser(stack.dataSource, { role: 'admin' });
    const token = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
    const page = await fetch(`${stack.baseUrl}/console/settings/system`, {
      headers: { cookie: `nahbar_staff=${token}` },
      redirect: 'manual',
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Redis antwortet nicht');
    expect(html).toMatch(/<dd id="outbox-pending">1<\/dd>/);
  });
});
