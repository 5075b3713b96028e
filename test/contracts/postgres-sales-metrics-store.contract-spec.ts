import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/infrastructure/database/open-data-source';
import { PostgresSalesMetricsStore } from '../../src/modules/sales/adapters/postgres-sales-metrics.store';
import type { SaleContribution } from '../../src/modules/sales/domain/sale-contribution';
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

describe('PostgresSalesMetricsStore.expire', () => {
  it('drops minute buckets after 2 days, hour buckets after 3 and day buckets after 35, and nothing newer', async () => {
    const database = await createTestDatabase();
    const db = await openDataSource(loadConfig(database.env));
    try {
      const store = new PostgresSalesMetricsStore(db.dataSource);
      const sale = (n: number, occurredAt: string): SaleContribution => ({
        tenantId: 'exp',
        saleId: `order:o-${n}:1`,
        supplierId: 'sup-1',
        productKey: 'SKU-1',
        currency: 'EUR',
        occurredAt,
        revenue: '1.00',
        units: '1',
        commission: '0.10',
        supplierOrders: 1,
        productOrders: 1,
      });
      const now = new Date('2026-03-10T12:00:00.000Z');
      await store.apply([
        sale(1, '2026-03-10T11:59:00.000Z'), // all three kept
        sale(2, '2026-03-08T12:30:00.000Z'), // minute 47.5 h old: kept; its hour and day too
        sale(3, '2026-03-08T11:59:00.000Z'), // minute 48 h 1 min old: dropped; hour (started 11:00, 49 h) kept
        sale(4, '2026-03-07T10:30:00.000Z'), // hour started 74 h before: dropped; day (03-07) kept
        sale(5, '2026-02-02T10:00:00.000Z'), // day started 36.5 days before: dropped with its minute and hour
      ]);
      const buckets = async () =>
        (
          await db.dataSource.query(
            `SELECT granularity, to_char(bucket_start AT TIME ZONE 'UTC', 'MM-DD"T"HH24:MI') AS start FROM sales_metric_buckets WHERE tenant_id = 'exp' AND product_key = 'SKU-1' ORDER BY 1, 2`,
          )
        ).map((r: { granularity: string; start: string }) => `${r.granularity} ${r.start}`);
      expect(await buckets()).toHaveLength(14); // sales 2 and 3 share their day
      // Per sale: the supplier's bucket and the product's, so each dropped bucket counts twice.
      expect(await store.expire(now)).toBe(2 * (1 + 2 + 3));
      expect(await buckets()).toEqual([
        'day 03-07T00:00',
        'day 03-08T00:00',
        'day 03-10T00:00',
        'hour 03-08T11:00',
        'hour 03-08T12:00',
        'hour 03-10T11:00',
        'minute 03-08T12:30',
        'minute 03-10T11:59',
      ]);
      expect(await store.expire(now)).toBe(0);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
