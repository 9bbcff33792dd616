import { Client } from 'pg';
import { templateDatabase } from './test-env';

/** Drops this run's template and releases the run lock taken in global-setup. */
export default async function globalTeardown(): Promise<void> {
  const admin = (globalThis as { nahbarTestRun?: Client }).nahbarTestRun;
  if (!admin) {
    return;
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase()} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
