/** Connection settings of the test services; CI and every developer machine run them locally. */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Each test run migrates its own template, so two runs on one machine never drop each other's. */
export const templateDatabase = (): string =>
  process.env.NAHBAR_TEST_TEMPLATE ?? `nahbar_test_tpl_${process.pid}`;

/** Held (shared) by every running test run; a run that can take it exclusively is alone. */
export const TEST_RUN_LOCK = 7_465_001;

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Tests drop and create databases: refuse any name that does not say it is for tests. */
export function assertTestDatabaseName(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('test')) {
    throw new Error(`refusing to touch database "${name}": test database names must contain "test"`);
  }
}
