import 'reflect-metadata';
import { loadDatabaseUrl } from '../config/config';
import { ensureDatabaseExists, runMigrations } from './database-setup';

/** `npm run migration:run`: create the database if needed and apply pending migrations. */
async function main(): Promise<void> {
  const DATABASE_URL = loadDatabaseUrl();
  if (await ensureDatabaseExists(DATABASE_URL)) {
    console.log('created the database');
  }
  const applied = await runMigrations(DATABASE_URL);
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
