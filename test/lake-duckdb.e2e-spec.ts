import type { DuckDBConnection } from '@duckdb/node-api';
import Decimal from 'decimal.js';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { openDataSource } from '../src/infrastructure/database/open-data-source';
import { LocalObjectStorage } from '../src/infrastructure/storage/local-object-storage.adapter';
import { LakeChangeSubscriber } from '../src/modules/analytics';
import { PostgresLakeWatermarks } from '../src/modules/analytics/adapters/postgres-lake-watermarks';
import { Order, OrderItem } from '../src/modules/orders/domain/order';
import { orderChange } from './support/lake-fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { inMemoryTestCache } from './support/test-cache';

const PRICES = ['0.10', '19.99', '1234.5678', '0.0125', '999999.99'];

function order(tenantId: string, n: number): Order {
  const items: OrderItem[] = [0, 1].map((i) => ({ sku: `SKU-${(n + i) % 7}`, name: `Producto ${i}`, quantity: 1 + ((n * 3 + i) % 11), unitPrice: PRICES[(n + i) % PRICES.length] }));
  const day = 1 + (n % 45);
  const created = new Date(Date.UTC(2026, 0, day, n % 24, 0, 0));
  return Order.create(
    {
      orderId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      tenantId,
      customerId: `cust-${n % 5}`,
      customerName: 'Cliente',
      customerEmail: 'c@example.com',
      currency: 'EUR',
      items,
      shippingAddress: { line1: 'Calle 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    },
    created,
  );
}

/**
 * Proof that issue 6's embedded analytics engine can read the lake as written: DuckDB over
 * the Parquet purchases table with hive partitioning, sums exact to the last decimal.
 */
describe('DuckDB over the purchases Parquet table', () => {
  let database: TestDatabase;
  let db: Awaited<ReturnType<typeof openDataSource>>;
  let duck: DuckDBConnection;
  let table: string;
  /** What the lake must hold: every order's newest version, deleted orders left out. */
  const expected = new Map<string, Decimal>();
  let expectedLines = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig(database.env);
    db = await openDataSource(config);
    const root = join(database.dataDir, 'objects');
    const lake = new LakeChangeSubscriber(new LocalObjectStorage(root), config, new PostgresLakeWatermarks(db.dataSource), inMemoryTestCache());

    for (const tenantId of ['duck-a', 'duck-b']) {
      for (let n = 0; n < 60; n++) {
        const v1 = order(tenantId, n);
        const v2 = v1.revise({ items: v1.props.items.map((item) => ({ ...item, quantity: item.quantity + 1 })) }, new Date(Date.parse(v1.props.createdAt) + 60_000));
        // Every order is redelivered out of order; a tenth of them are then deleted.
        await lake.handleChanges([v1, v2, v1].map((o) => orderChange(o)));
        if (n % 10 === 9) {
          await lake.handleChanges([orderChange(v2, 'delete', 3)]);
          continue;
        }
        const month = `${tenantId}|${v2.props.createdAt.slice(0, 7)}`;
        for (const item of v2.props.items) {
          expected.set(month, (expected.get(month) ?? new Decimal(0)).plus(new Decimal(item.unitPrice).times(item.quantity)));
          expectedLines++;
        }
      }
    }

    const { DuckDBInstance } = await import('@duckdb/node-api');
    duck = await (await DuckDBInstance.create(':memory:')).connect();
    table = `read_parquet('${join(root, config.storage.buckets.dataLake, 'purchases')}/*/*/*/*/*.parquet', hive_partitioning = true)`;
  });

  afterAll(async () => {
    duck?.closeSync();
    await db?.close();
    await database?.drop();
  });

  const query = async (sql: string) => (await duck.runAndReadAll(sql)).getRowObjectsJson();

  it('reads the documented column types, plus tenant/year/month/day from the partitions', async () => {
    const columns = Object.fromEntries((await query(`DESCRIBE SELECT * FROM ${table}`)).map((c) => [c.column_name, c.column_type]));
    expect(columns).toMatchObject({
      tenant_id: 'VARCHAR',
      line_number: 'INTEGER',
      quantity: 'INTEGER',
      unit_price: 'DECIMAL(19,4)',
      line_amount: 'DECIMAL(19,4)',
      order_created_at: 'TIMESTAMP WITH TIME ZONE',
      order_version: 'BIGINT',
      // DuckDB's hive type inference: zero-padded month and day stay text (docs/lake/purchases.md).
      tenant: 'VARCHAR',
      year: 'BIGINT',
      month: 'VARCHAR',
      day: 'VARCHAR',
    });
  });

  it('sums line amounts per tenant and month exactly, counting each order once at its newest version', async () => {
    const rows = await query(`
      SELECT tenant, year, month, SUM(line_amount)::VARCHAR AS total
      FROM ${table} WHERE tenant IN ('duck-a', 'duck-b')
      GROUP BY ALL ORDER BY ALL`);
    const actual = Object.fromEntries(rows.map((r) => [`${r.tenant}|${r.year}-${r.month}`, r.total]));
    expect(actual).toEqual(Object.fromEntries([...expected].map(([month, total]) => [month, total.toFixed(4)])));

    const [counts] = await query(`
      SELECT COUNT(*)::INTEGER AS lines, COUNT(DISTINCT tenant_id || '/' || order_id)::INTEGER AS orders, MIN(order_version)::INTEGER AS min_version,
             SUM((line_amount <> unit_price * quantity)::INTEGER)::INTEGER AS wrong_amounts
      FROM ${table} WHERE tenant IN ('duck-a', 'duck-b')`);
    expect(counts).toEqual({ lines: expectedLines, orders: 108, min_version: 2, wrong_amounts: 0 });
  });

  it('prunes by partition: a date range over year/month/day matches the order timestamps', async () => {
    const [byPartition] = await query(`
      SELECT SUM(line_amount)::VARCHAR AS total FROM ${table}
      WHERE tenant = 'duck-a' AND year = 2026 AND month = '02' AND day BETWEEN '01' AND '10'`);
    const [byTimestamp] = await query(`
      SELECT SUM(line_amount)::VARCHAR AS total FROM ${table}
      WHERE tenant_id = 'duck-a' AND order_created_at >= TIMESTAMPTZ '2026-02-01 00:00:00+00' AND order_created_at < TIMESTAMPTZ '2026-02-11 00:00:00+00'`);
    expect(byPartition.total).toEqual(byTimestamp.total);
    expect(byPartition.total).not.toBeNull();
  });
});
