import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { PostgresSalesMetricsStore } from '../../src/modules/sales/adapters/postgres-sales-metrics.store';
import { createTestDatabase } from '../support/test-database';
import { describeSalesMetricsStoreContract } from './sales-metrics-store.contract';

describeSalesMetricsStoreContract(process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite', async () => {
  const database = await createTestDatabase();
  const db = await openDataSource(loadConfig(database.env));
  return {
    store: new PostgresSalesMetricsStore(db.dataSource),
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
});
