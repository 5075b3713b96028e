import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { SimulatedPaymentProvider } from '../../src/modules/orders/adapters/simulated-payment-provider.adapter';
import { createTestDatabase } from '../support/test-database';
import { describePaymentProviderContract } from './payment-provider.contract';

describePaymentProviderContract(`simulated provider on ${process.env.TEST_DATABASE_URL ? 'Postgres server' : 'PGlite'}`, async () => {
  const database = await createTestDatabase();
  const db = await openDataSource(loadConfig(database.env));
  return {
    provider: new SimulatedPaymentProvider(db.dataSource),
    succeededCharges: async (tenantId, orderId) => {
      const rows: { n: number }[] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM payments WHERE tenant_id = $1 AND order_id = $2 AND status = 'succeeded'`,
        [tenantId, orderId],
      );
      return rows[0].n;
    },
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
});
