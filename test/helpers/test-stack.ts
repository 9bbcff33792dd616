import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createApiApp } from '../../src/api-app';
import { WorkerModule } from '../../src/worker.module';
import { createTestDatabase, TestDatabase } from './test-database';
import { TEST_REDIS_URL } from './test-env';

export interface TestStack {
  config: AppConfig;
  /** The environment the stack's worker runs with, e.g. for a worker in a child process. */
  env: Record<string, string>;
  api: INestApplication;
  /** Null when started with `worker: false`, to test what happens before any worker runs. */
  worker: INestApplicationContext | null;
  baseUrl: string;
  dataSource: DataSource;
  startWorker(): Promise<INestApplicationContext>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real API (on a random port) and the real worker, in this process, on a database of their own
 * and a BullMQ prefix of their own, so test files never see each other's data or jobs.
 */
export async function startTestStack(options: {
  smtpPort: number;
  worker?: boolean;
  env?: Record<string, string>;
  /** Settings for the API process only, e.g. a Redis it cannot reach. */
  apiEnv?: Record<string, string>;
  /**
   * The agency setting; the product default is true, but most tests are about matching, so public
   * requests are matched at once unless a test asks for review first.
   */
  reviewPublicRequestsFirst?: boolean;
}): Promise<TestStack> {
  const database: TestDatabase = await createTestDatabase();
  if (options.reviewPublicRequestsFirst !== true) {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO agency_setting (key, value) VALUES ('matching', '{"reviewPublicRequestsFirst": false}')`,
    );
    await client.end();
  }
  const prefix = `nahbar_test_${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const env = {
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(options.smtpPort),
    OUTBOX_POLL_MS: '100',
    // Retries and the sweeper on a test's time scale.
    SMTP_RETRY_BASE_DELAY_MS: '200',
    SMTP_RETRY_MAX_DELAY_MS: '1000',
    NOTIFY_SWEEP_MS: '1000',
    STAFF_NOTIFY_EMAIL: 'team@agency.test',
    MAIL_FROM: 'nahbar Test <noreply@agency.test>',
    LINK_SECRET: randomBytes(24).toString('hex'),
    // Tests submit many public requests from 127.0.0.1; the abuse tests set the real limits.
    PUBLIC_SUBMISSIONS_PER_IP_HOUR: '100000',
    PUBLIC_SUBMISSIONS_PER_EMAIL_HOUR: '100000',
    // Likewise staff logins; the login tests set the real limits.
    STAFF_LOGINS_PER_IP_HOUR: '100000',
    STAFF_LOGINS_PER_ACCOUNT_HOUR: '100000',
    ...options.env,
  };
  const config = loadConfig(env);
  const apiConfig = loadConfig({ ...env, ...options.apiEnv });
  const api = await createApiApp(apiConfig, { logger: ['error'] });
  await api.listen(port, '127.0.0.1');
  const dataSource = api.get(DataSource);

  let worker: INestApplicationContext | null = null;
  const stack: TestStack = {
    config,
    env,
    api,
    get worker() {
      return worker;
    },
    baseUrl: config.PUBLIC_BASE_URL,
    dataSource,
    async startWorker() {
      worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
        logger: ['error'],
        abortOnError: false,
      });
      await worker.init();
      return worker;
    },
    async stopWorker() {
      await worker?.close();
      worker = null;
    },
    async close() {
      await stack.stopWorker();
      await api.close();
      await deleteQueueKeys(prefix);
      await database.drop();
    },
  };
  if (options.worker !== false) {
    await stack.startWorker();
  }
  return stack;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `probe` returns a value (not undefined/null/false), or fails with `what` after the timeout. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
