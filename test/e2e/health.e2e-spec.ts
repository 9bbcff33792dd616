import { Client } from 'pg';
import { CliOutput } from '../../src/cli/cli-kit';
import { healthCheck } from '../../src/cli/health-check';
import { requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { TEST_PG_ADMIN_URL } from '../helpers/test-env';
import { freePort, startTestStack, TestStack } from '../helpers/test-stack';
import { startWorkerProcess, WorkerProcess } from '../helpers/worker-process';

/** Nothing listens on port 1: every connection attempt to Redis fails. */
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';

/** PostgreSQL "goes down" for one stack: its database is dropped under the running processes. */
async function dropDatabaseOf(stack: TestStack): Promise<void> {
  const name = new URL(stack.config.DATABASE_URL).pathname.slice(1);
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

const quiet: CliOutput = { log: () => undefined, error: () => undefined };

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('health: live and ready', () => {
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });

  afterAll(async () => {
    await smtp?.close();
  });

  describe('the API without Redis', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startTestStack({
        smtpPort: smtp.port,
        worker: false,
        apiEnv: { REDIS_URL: UNREACHABLE_REDIS },
      });
    });

    afterAll(async () => {
      await stack?.close();
    });

    it('is live, and ready but degraded: the outbox keeps what it saves', async () => {
      expect(await requestJson(stack.baseUrl, 'GET', '/api/health/live')).toEqual({
        status: 200,
        body: { status: 'ok' },
      });
      expect(await requestJson(stack.baseUrl, 'GET', '/api/health/ready')).toEqual({
        status: 200,
        body: { status: 'degraded', postgres: 'up', redis: 'down' },
      });
    });
  });

  describe('the API and a worker process, then PostgreSQL gone', () => {
    let stack: TestStack;
    let worker: WorkerProcess | undefined;
    let workerHealth: string;

    beforeAll(async () => {
      stack = await startTestStack({ smtpPort: smtp.port, worker: false });
      const port = await freePort();
      workerHealth = `http://127.0.0.1:${port}/health`;
      // Generous: ts-node compiles the worker first, slow on a busy machine.
      worker = await startWorkerProcess(
        { ...stack.env, WORKER_HEALTH_PORT: String(port) },
        { startTimeoutMs: 150_000 },
      );
    }, 180_000);

    afterAll(async () => {
      await worker?.kill('SIGKILL');
      await stack?.close();
    });

    it('both are ready while PostgreSQL and Redis answer', async () => {
      expect(await requestJson(stack.baseUrl, 'GET', '/api/health/ready')).toEqual({
        status: 200,
        body: { status: 'ok', postgres: 'up', redis: 'up' },
      });
      expect(await getJson(`${workerHealth}/live`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await getJson(`${workerHealth}/ready`)).toEqual({
        status: 200,
        body: { status: 'ok', postgres: 'up', redis: 'up' },
      });
      expect((await getJson(`${workerHealth}/nothing`)).status).toBe(404);
      // The container HEALTHCHECK's command, for both processes.
      const workerEnv = { ...stack.env, WORKER_HEALTH_PORT: new URL(workerHealth).port };
      expect(await healthCheck([], quiet, stack.env)).toBe(0);
      expect(await healthCheck(['--worker'], quiet, workerEnv)).toBe(0);
      expect(await healthCheck(['--worker', '--live'], quiet, workerEnv)).toBe(0);
    });

    it('both answer 503 on ready and stay live once PostgreSQL is unreachable', async () => {
      await dropDatabaseOf(stack);

      const apiReady = await requestJson(stack.baseUrl, 'GET', '/api/health/ready');
      expect(apiReady).toEqual({
        status: 503,
        body: { status: 'unavailable', postgres: 'down', redis: 'up' },
      });
      expect((await requestJson(stack.baseUrl, 'GET', '/api/health/live')).status).toBe(200);

      expect(await getJson(`${workerHealth}/ready`)).toEqual({
        status: 503,
        body: { status: 'unavailable', postgres: 'down', redis: 'up' },
      });
      expect((await getJson(`${workerHealth}/live`)).status).toBe(200);
      expect(await healthCheck([], quiet, stack.env)).toBe(1);
      expect(await healthCheck(['--live'], quiet, stack.env)).toBe(0);
      expect(await healthCheck([], quiet, { ...stack.env, PORT: '1' })).toBe(1);
    });
  });
});
