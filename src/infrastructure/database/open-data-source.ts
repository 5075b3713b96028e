import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { MIGRATIONS } from './migrations';
import { pipelineExtendedProtocol } from './pglite-pipelined-connection';

const POOL_SIZE = 10;

/**
 * Opens the relational store: a real Postgres when DATABASE_URL is set, else PGlite in
 * process under `<dataDir>/pg`, reached through node-postgres over ONE connection
 * (PGlite is single-session, so one process). Migrations run on open, one process at a time
 * on a server; schema sync is never used.
 */
export async function openDataSource(config: AppConfig): Promise<{ dataSource: DataSource; close: () => Promise<void> }> {
  const common: Partial<DataSourceOptions> = { migrations: MIGRATIONS, migrationsRun: true, logging: ['error'] };
  if (config.database.url) {
    const dataSource = new DataSource({
      ...common,
      migrationsRun: false,
      type: 'postgres',
      url: config.database.url,
      extra: { max: POOL_SIZE },
    } as DataSourceOptions);
    await dataSource.initialize();
    await migrateOneAtATime(dataSource);
    return { dataSource, close: () => dataSource.destroy() };
  }

  const [{ PGlite }, { createPgConfig }, { pg_trgm }, { unaccent }, { fuzzystrmatch }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/node-postgres'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('@electric-sql/pglite/contrib/fuzzystrmatch'),
  ]);
  const dir = join(config.dataDir, 'pg');
  await mkdir(dir, { recursive: true });
  // PGlite only finds contrib extensions it was handed: the catalog and search migrations need these.
  const pglite = await PGlite.create(dir, { extensions: { pg_trgm, unaccent, fuzzystrmatch } });
  const { connection } = createPgConfig(pglite);
  pipelineExtendedProtocol(connection, pglite);
  const dataSource = new DataSource({
    ...common,
    type: 'postgres',
    extra: { connection, max: 1, idleTimeoutMillis: 0 },
  } as DataSourceOptions);
  await dataSource.initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await pglite.close();
    },
  };
}

/** Any constant: the key of the session lock that lets one process at a time run the migrations. */
const MIGRATION_LOCK_KEY = 7_300_611_001;

/**
 * Runs the pending migrations under a session advisory lock. Processes booting together on a
 * new release (an ECS service's tasks, the API and the worker, Lambda cold starts) would
 * otherwise run the same migrations side by side, and all but one fail on "already exists";
 * here the others wait, then find nothing left to run.
 */
async function migrateOneAtATime(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lock.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
