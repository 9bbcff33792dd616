import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { loadDatabaseUrl } from '../config/config';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The one set of DataSource options for the app, the CLI commands and the tests. Never synchronize. */
export function dataSourceOptions(databaseUrl: string, poolMax = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    // Compiled migrations live beside compiled src in dist/; the TypeORM CLI reads the .ts ones.
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    // JIT pays off for long analytical queries; for the matching batches (many cheap nested loops the
    // planner over-costs) it compiles for hundreds of milliseconds to save a few.
    extra: { max: poolMax, options: '-c jit=off' },
  };
}

/** Used by the TypeORM CLI (`npm run migration:generate`). */
export default new DataSource(dataSourceOptions(loadDatabaseUrl()));
