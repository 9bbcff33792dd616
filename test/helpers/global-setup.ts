import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { importPostalCodes } from '../../src/postal-codes/import-postal-codes';
import { TEMPLATE_DATABASE, TEST_PG_ADMIN_URL, TEST_REDIS_URL, assertTestDatabaseName, databaseUrl } from './test-env';

export const SHARED_POSTAL_CODES = join(__dirname, '..', '..', '..', 'shared', 'data', 'postal-codes-de.csv');

/** Migrates a template database once; each test file then clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  await assertRedisIsUp();
  assertTestDatabaseName(TEMPLATE_DATABASE);
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${TEST_PG_ADMIN_URL}: ${error.message} (see README: Running the tests)`);
  });
  try {
    await dropLeftoverTestDatabases(admin);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(TEMPLATE_DATABASE)));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await importPostalCodes(dataSource, existsSync(SHARED_POSTAL_CODES) ? SHARED_POSTAL_CODES : null);
  } finally {
    await dataSource.destroy();
  }
}

/** Databases of an earlier run that was killed before its files could drop them. */
async function dropLeftoverTestDatabases(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'nahbar\\_test\\_f\\_%'`,
  );
  for (const { datname } of rows) {
    assertTestDatabaseName(datname);
    await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

async function assertRedisIsUp(): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${(error as Error).message} (see README: Running the tests)`);
  } finally {
    redis.disconnect();
  }
}
