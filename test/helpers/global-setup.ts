import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { importPostalCodes } from '../../src/postal-codes/import-postal-codes';
import {
  TEST_PG_ADMIN_URL,
  TEST_REDIS_URL,
  TEST_RUN_LOCK,
  assertTestDatabaseName,
  databaseUrl,
  templateDatabase,
} from './test-env';

export const SHARED_POSTAL_CODES = join(__dirname, '..', '..', '..', 'shared', 'data', 'postal-codes-de.csv');

/** Migrates this run's template database once; each test file then clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  await assertRedisIsUp();
  const template = templateDatabase();
  process.env.NAHBAR_TEST_TEMPLATE = template; // test workers are forked after this and inherit it
  assertTestDatabaseName(template);
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_PG_ADMIN_URL}: ${error.message} (see README: Running the tests)`,
    );
  });
  const { rows } = await admin.query<{ alone: boolean }>('SELECT pg_try_advisory_lock($1) AS alone', [
    TEST_RUN_LOCK,
  ]);
  if (rows[0].alone) {
    await dropLeftoverTestDatabases(admin, template);
    await admin.query('SELECT pg_advisory_unlock($1)', [TEST_RUN_LOCK]);
  }
  // Held until teardown, so a run started meanwhile leaves this run's databases alone.
  await admin.query('SELECT pg_advisory_lock_shared($1)', [TEST_RUN_LOCK]);
  (globalThis as { nahbarTestRun?: Client }).nahbarTestRun = admin;
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(template)));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await importPostalCodes(dataSource, existsSync(SHARED_POSTAL_CODES) ? SHARED_POSTAL_CODES : null);
  } finally {
    await dataSource.destroy();
  }
}

/** Databases of earlier runs that were killed before they could drop them; only when no run is active. */
async function dropLeftoverTestDatabases(admin: Client, keep: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'nahbar\\_test\\_%' AND datname <> $1`,
    [keep],
  );
  for (const { datname } of rows) {
    assertTestDatabaseName(datname);
    await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

async function assertRedisIsUp(): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL}: ${(error as Error).message} (see README: Running the tests)`,
    );
  } finally {
    redis.disconnect();
  }
}
