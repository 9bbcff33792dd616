import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadDatabaseUrl } from '../config/config';
import { dataSourceOptions } from '../database/data-source';
import {
  formatImportReport,
  importPostalCodes,
  PostalCodeImportReport,
} from '../postal-codes/import-postal-codes';

/** Where the shared data sits beside the project when the command runs from the project root. */
const SHARED_POSTAL_CODES = '../shared/data/postal-codes-de.csv';

/**
 * Which file to import: the path given on the command line, else the shared file if it exists,
 * else null for the built-in demo points. A path that was asked for but is missing is an error,
 * not a silent fall-back to demo data.
 */
export function postalCodeSource(argvPath?: string, cwd = process.cwd()): string | null {
  if (argvPath) {
    const path = resolve(cwd, argvPath);
    if (!existsSync(path)) {
      throw new Error(`postal code file not found: ${path}`);
    }
    return path;
  }
  const shared = resolve(cwd, SHARED_POSTAL_CODES);
  return existsSync(shared) ? shared : null;
}

/** The command without process handling, so `npm run demo` can run it on its own DataSource. */
export function runPostalCodeImport(
  dataSource: DataSource,
  argvPath?: string,
): Promise<PostalCodeImportReport> {
  return importPostalCodes(dataSource, postalCodeSource(argvPath));
}

async function main(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(loadDatabaseUrl()));
  await dataSource.initialize();
  try {
    const report = await runPostalCodeImport(dataSource, process.argv[2]);
    console.log(formatImportReport(report));
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // The usual first-run mistake: the table comes from the migrations.
    const hint = /relation "postal_code" does not exist/.test(message)
      ? ' (run `npm run migration:run` first)'
      : '';
    console.error(`Postal code import failed: ${message}${hint}`);
    process.exit(1);
  });
}
