import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { PostgresSkuLookup } from '../../src/modules/matching/adapters/postgres-sku-lookup.repository';
import { createTestDatabase } from '../support/test-database';
import { describeSkuLookupContract } from './sku-lookup.contract';

describeSkuLookupContract(process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite', async () => {
  const database = await createTestDatabase();
  const db = await openDataSource(loadConfig(database.env));
  return {
    lookup: new PostgresSkuLookup(db.dataSource),
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
});
