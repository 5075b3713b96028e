import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { PostgresSearchIndex } from '../../src/modules/search/adapters/postgres-search-index.adapter';
import { createTestDatabase } from '../support/test-database';
import { describeSearchIndexContract } from './search-index.contract';

describeSearchIndexContract(process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite', async () => {
  const database = await createTestDatabase();
  const db = await openDataSource(loadConfig(database.env));
  return {
    index: new PostgresSearchIndex(db.dataSource),
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
});
