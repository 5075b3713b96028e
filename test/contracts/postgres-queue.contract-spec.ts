import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { PostgresQueueAdapter } from '../../src/infrastructure/queue/postgres-queue.adapter';
import { createTestDatabase } from '../support/test-database';
import { describeQueueContract } from './queue.contract';

describeQueueContract(process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite', async ({ definitions, random }) => {
  const database = await createTestDatabase();
  const db = await openDataSource(loadConfig(database.env));
  return {
    queue: new PostgresQueueAdapter(db.dataSource, { definitions, random }),
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
});
