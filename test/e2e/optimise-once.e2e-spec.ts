import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { expectErrorShape } from '../helpers/assertions';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/** The worker's lock for a running global optimisation (src/matching/global-assignment.service.ts). */
const OPTIMISE_LOCK = 7_465_002;

describe('POST /api/staff/matching/optimise runs one optimisation at a time', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // No worker at first: a queued run stays queued until the test starts one.
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const admin = await createStaffUser(stack.dataSource, { role: 'admin' });
    token = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const optimise = () => requestJson(stack.baseUrl, 'POST', '/api/staff/matching/optimise', { token });

  it('answers 409 "already running" while the worker holds the run lock', async () => {
    const runner = stack.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [OPTIMISE_LOCK]);
      const refused = await optimise();
      expectErrorShape(refused, 409);
      expect(refused.body.message).toMatch(/already running/);
      await runner.query('SELECT pg_advisory_unlock($1)', [OPTIMISE_LOCK]);
    } finally {
      await runner.release();
    }
  });

  it('queues one run, refuses more while it waits, and takes a new one once it ran', async () => {
    const first = await optimise();
    expect(first.status).toBe(202);
    const [second, third] = await Promise.all([optimise(), optimise()]);
    for (const refused of [second, third]) {
      expectErrorShape(refused, 409);
      expect(refused.body.message).toMatch(/already running/);
    }
    const queued = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_job WHERE job_name = 'optimise-assignments' AND job_id LIKE 'optimise-by-%'`,
    );
    expect(queued[0].n).toBe(1);

    await stack.startWorker();
    await eventually('a new run to be accepted', async () => (await optimise()).status === 202);
  });
});
