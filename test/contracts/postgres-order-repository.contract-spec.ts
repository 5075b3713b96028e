import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { PostgresOrderRepository } from '../../src/modules/orders/adapters/postgres-order.repository';
import { createTestDatabase } from '../support/test-database';
import { describeOrderRepositoryContract } from './order-repository.contract';

describeOrderRepositoryContract(process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite', async () => {
  const database = await createTestDatabase();
  const db = await openDataSource(loadConfig(database.env));
  return {
    repository: new PostgresOrderRepository(db.dataSource),
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
});
