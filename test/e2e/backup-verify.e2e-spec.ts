import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { backupVerify, compareCounts } from '../../src/cli/backup-verify';
import { CliOutput } from '../../src/cli/cli-kit';
import { createStaffUser } from '../factories/staff.factory';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { TEST_PG_ADMIN_URL } from '../helpers/test-env';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';

function captured(): CliOutput & { text: () => string } {
  const lines: string[] = [];
  return { log: (line) => lines.push(line), error: (line) => lines.push(line), text: () => lines.join('\n') };
}

async function scratchDatabasesOf(name: string): Promise<string[]> {
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${name}_restore_check_%`],
    );
    return rows.map((row) => row.datname);
  } finally {
    await admin.end();
  }
}

describe('npm run backup:verify', () => {
  let database: TestDatabase;
  let workDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url };
    workDir = mkdtempSync(join(tmpdir(), 'nahbar-backup-test-'));
    const dataSource = new DataSource(dataSourceOptions(database.url));
    await dataSource.initialize();
    await createStaffUser(dataSource, { email: 'backup-admin@agency.test', role: 'admin' });
    await createStaffUser(dataSource, { email: 'backup-coord@agency.test', role: 'coordinator' });
    await dataSource.destroy();
  });

  afterAll(async () => {
    rmSync(workDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('dumps, restores into a scratch database, finds the same row counts and drops the scratch', async () => {
    const out = captured();
    expect(await backupVerify([], out, env)).toBe(0);
    expect(out.text()).toMatch(/OK: all \d+ tables restored with the same row counts/);
    expect(out.text()).toMatch(/staff_user\s+2\s+2/);
    expect(out.text()).toMatch(/postal_code\s+\d{4,}\s+\d{4,}/);
    expect(await scratchDatabasesOf(database.name)).toEqual([]);
  });

  it('checks a given dump, and fails on a damaged one', async () => {
    const dump = join(workDir, 'nightly.dump');
    execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, `--dbname=${database.url}`]);
    const good = captured();
    expect(await backupVerify(['--dump', dump], good, env)).toBe(0);
    expect(good.text()).toContain('OK: the dump restores and holds every table of the live schema.');

    const damaged = join(workDir, 'damaged.dump');
    const bytes = readFileSync(dump);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(backupVerify(['--dump', damaged], captured(), env)).rejects.toThrow(/pg_restore failed/);
    expect(await scratchDatabasesOf(database.name)).toEqual([]);

    await expect(
      backupVerify(['--dump', join(workDir, 'missing.dump')], captured(), env),
    ).rejects.toMatchObject({
      exitCode: 2,
    });
  });

  it('names the tables whose counts differ', () => {
    expect(compareCounts({ a: 1, b: 2, c: 3 }, { a: 1, b: 5 })).toEqual([
      { table: 'b', source: 2, restored: 5 },
      { table: 'c', source: 3, restored: null },
    ]);
    expect(compareCounts({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
