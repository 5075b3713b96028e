import { loadConfig } from '../src/config/app-config';
import { openDataSource } from '../src/infrastructure/database/open-data-source';
import { MIGRATIONS } from '../src/infrastructure/database/migrations';
import { createTestDatabase, TestDatabase } from './support/test-database';

const server = Boolean(process.env.TEST_DATABASE_URL);
if (!server) console.warn('Concurrent migration case skipped: PGlite is one process; set TEST_DATABASE_URL to run it');

/** Processes booting together on a new release (an ECS service's tasks, Lambda cold starts) share one empty database. */
(server ? describe : describe.skip)('Migrations on a Postgres server', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('run once when several processes open a new database at the same time', async () => {
    const opened = await Promise.all(Array.from({ length: 4 }, () => openDataSource(loadConfig(database.env))));
    try {
      const rows: { name: string }[] = await opened[0].dataSource.query(`SELECT name FROM migrations ORDER BY id`);
      expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await Promise.all(opened.map((o) => o.close()));
    }
  });
});
