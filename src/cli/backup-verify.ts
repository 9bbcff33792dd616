import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { loadDatabaseUrl } from '../config/config';
import { CliError, CliOutput, EXIT_FAILED, EXIT_OK, EXIT_USAGE, parseOptions, runAsProcess } from './cli-kit';

export const BACKUP_VERIFY_HELP = `Usage: npm run backup:verify [-- --dump <file>] [--keep]

Proves that a backup restores. Without --dump it takes a pg_dump (custom format) of DATABASE_URL
inside a snapshot, counts every table's rows in the same snapshot, restores the dump with
pg_restore into a scratch database on the same server (after deploy/postgres/restore-prepare.sql, as
a real restore must) and compares the counts table by table:
they must be equal. With --dump <file> it restores that dump (e.g. last night's) and checks that
it restores without errors and holds every table of the live schema (counts are shown beside the
live ones; they differ by what happened since). The scratch database is dropped afterwards unless
--keep. Needs pg_dump and pg_restore of the server's major version and CREATEDB rights.

Exit codes: 0 the backup restores (and matches), 1 it does not or a tool failed, 2 wrong usage.`;

const OPTIONS = {
  dump: { type: 'string' },
  keep: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type TableCounts = Record<string, number>;

/** Tables whose counts differ, or that one side lacks; empty when they match. */
export function compareCounts(
  source: TableCounts,
  restored: TableCounts,
): { table: string; source: number | null; restored: number | null }[] {
  const tables = [...new Set([...Object.keys(source), ...Object.keys(restored)])].sort();
  return tables
    .filter((table) => source[table] !== restored[table])
    .map((table) => ({ table, source: source[table] ?? null, restored: restored[table] ?? null }));
}

/** Exact row counts of every table in the public schema (a backup check, not a statistic). */
async function countRows(client: Client): Promise<TableCounts> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: TableCounts = {};
  for (const { name } of rows) {
    const result = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`,
    );
    counts[name] = Number(result.rows[0].n);
  }
  return counts;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => reject(new CliError(`${command} could not be started: ${error.message}`)));
    child.once('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new CliError(`${command} failed with exit code ${code}:\n${stderr.trim().slice(0, 2000)}`)),
    );
  });
}

/** The project root (from src/cli under ts-node, or dist/src/cli when built): where package.json is. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) {
      throw new CliError('cannot find the project root (package.json) from ' + __dirname);
    }
    dir = parent;
  }
  return dir;
}

/** What an empty database needs before pg_restore of a nahbar dump (see the file's comment). */
export const RESTORE_PREPARE_SQL = join('deploy', 'postgres', 'restore-prepare.sql');

const withDatabase = (url: string, name: string): string => {
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return copy.toString();
};

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** `npm run backup:verify`: see BACKUP_VERIFY_HELP. Returns the exit code. */
export async function backupVerify(
  args: string[],
  out: CliOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parseOptions(args, OPTIONS, 'npm run backup:verify --');
  if (values.help) {
    out.log(BACKUP_VERIFY_HELP);
    return EXIT_OK;
  }
  const givenDump = values.dump ? resolve(values.dump) : null;
  if (givenDump && !existsSync(givenDump)) {
    throw new CliError(`no dump at ${givenDump}`, EXIT_USAGE);
  }
  const databaseUrl = loadDatabaseUrl(env);
  const sourceName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const scratch = `${sourceName}_restore_check_${randomBytes(4).toString('hex')}`.slice(0, 63);
  const admin = await connect(withDatabase(databaseUrl, 'postgres'));
  const workDir = await mkdtemp(join(tmpdir(), 'nahbar-backup-'));
  try {
    let expected: TableCounts;
    let dumpPath: string;
    if (givenDump) {
      dumpPath = givenDump;
      const live = await connect(databaseUrl);
      expected = await countRows(live).finally(() => live.end());
    } else {
      dumpPath = join(workDir, `${sourceName}.dump`);
      // Counts and dump see the same snapshot, so they must agree exactly even while nahbar runs.
      const source = await connect(databaseUrl);
      try {
        await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const { rows } = await source.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
        expected = await countRows(source);
        await run('pg_dump', [
          '--format=custom',
          `--snapshot=${rows[0].id}`,
          `--file=${dumpPath}`,
          `--dbname=${databaseUrl}`,
        ]);
      } finally {
        await source.query('ROLLBACK').catch(() => undefined);
        await source.end();
      }
      out.log(`Dumped ${sourceName} (${Object.keys(expected).length} tables).`);
    }
    await admin.query(`CREATE DATABASE "${scratch}"`);
    // The documented restore procedure, step for step: prepare the empty database, then pg_restore.
    const prepare = await connect(withDatabase(databaseUrl, scratch));
    await prepare
      .query(readFileSync(join(projectRoot(), RESTORE_PREPARE_SQL), 'utf8'))
      .finally(() => prepare.end());
    await run('pg_restore', [
      '--no-owner',
      '--exit-on-error',
      `--dbname=${withDatabase(databaseUrl, scratch)}`,
      dumpPath,
    ]);
    const restoredClient = await connect(withDatabase(databaseUrl, scratch));
    const restored = await countRows(restoredClient).finally(() => restoredClient.end());
    out.log(`Restored into the scratch database ${scratch}.`);
    const width = Math.max(5, ...Object.keys(expected).map((table) => table.length));
    out.log(`${'table'.padEnd(width)}  ${givenDump ? 'live now' : 'source'.padStart(8)}  restored`);
    for (const table of Object.keys({ ...expected, ...restored }).sort()) {
      out.log(
        `${table.padEnd(width)}  ${String(expected[table] ?? '-').padStart(8)}  ${String(restored[table] ?? '-').padStart(8)}`,
      );
    }
    const differences = compareCounts(expected, restored);
    const missing = differences.filter((difference) => difference.restored === null);
    if (givenDump) {
      if (missing.length > 0) {
        out.error(`FAILED: the dump lacks tables: ${missing.map((entry) => entry.table).join(', ')}`);
        return EXIT_FAILED;
      }
      out.log('OK: the dump restores and holds every table of the live schema.');
      return EXIT_OK;
    }
    if (differences.length > 0) {
      out.error(
        `FAILED: row counts differ: ${differences.map((d) => `${d.table} ${d.source ?? '-'} → ${d.restored ?? '-'}`).join(', ')}`,
      );
      return EXIT_FAILED;
    }
    const rowsTotal = Object.values(expected).reduce((sum, count) => sum + count, 0);
    out.log(
      `OK: all ${Object.keys(expected).length} tables restored with the same row counts (${rowsTotal} rows).`,
    );
    return EXIT_OK;
  } finally {
    if (!values.keep) {
      await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`).catch(() => undefined);
    } else {
      out.log(`Kept the scratch database ${scratch} (--keep); drop it when done.`);
    }
    await admin.end();
    await rm(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runAsProcess((args, out) => backupVerify(args, out));
}
