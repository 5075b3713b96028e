import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { openDataSource } from '../src/infrastructure/database/open-data-source';
import { LocalObjectStorage } from '../src/infrastructure/storage/local-object-storage.adapter';
import { LAKE_TABLES, LakeChangeSubscriber, LakeTable, PARTITION_KEYS, storedColumnType } from '../src/modules/analytics';
import { PostgresLakeWatermarks } from '../src/modules/analytics/adapters/postgres-lake-watermarks';
import { Order } from '../src/modules/orders/domain/order';
import { invoiceLine, sale, writeDailyReports, writeInvoiceLines, writeSales } from './support/analytics-lake';
import { orderChange, product, productChange } from './support/lake-fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { inMemoryTestCache } from './support/test-cache';

/**
 * The lake table catalog (src/modules/analytics/domain/lake-tables.ts) is what the CDK Glue
 * tables and the DuckDB views are built from; this proves the files the writers actually
 * produce match it: locations, hive partition layout, column names, order and stored types.
 */
describe('Lake table definitions match the files the writers write', () => {
  let database: TestDatabase;
  let db: Awaited<ReturnType<typeof openDataSource>>;
  let storage: LocalObjectStorage;
  let bucket: string;
  let duck: DuckDBConnection;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig(database.env);
    db = await openDataSource(config);
    storage = new LocalObjectStorage(join(database.dataDir, 'objects'));
    bucket = config.storage.buckets.dataLake;
    const lake = new LakeChangeSubscriber(storage, config, new PostgresLakeWatermarks(db.dataSource), inMemoryTestCache());
    const order = Order.create(
      {
        orderId: '00000000-0000-4000-8000-000000000001',
        tenantId: 'lt a/b',
        customerId: 'c1',
        customerName: 'Cliente',
        customerEmail: 'c@example.com',
        currency: 'EUR',
        items: [{ sku: 'P-1', name: 'Producto', quantity: 2, unitPrice: '1.2345' }],
        shippingAddress: { line1: 'Calle 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
      },
      new Date('2024-03-05T10:00:00Z'),
    );
    await lake.handleChanges([orderChange(order), productChange(product({ tenantId: 'lt a/b', price: null, updatedAt: '2024-03-05T11:00:00.000Z' }))]);
    const lakeRoot = join(database.dataDir, 'objects', bucket);
    await writeSales(lakeRoot, [sale({ tenant_id: 'lt a/b', sale_id: 'order:o1:1', occurred_at: '2024-03-05T10:00:00.000Z', sku: null, category: null, customer_id: null })]);
    await writeDailyReports(lakeRoot, [
      { tenant_id: 'lt a/b', report_date: '2024-03-05', supplier_id: 'sup 1/a', sku: null, product_name: 'Producto', category: null, currency: 'EUR', revenue: '2.4690', units: '2', orders: 1, commission: '0.0000', sales: 1 },
    ]);
    writeInvoiceLines(lakeRoot, [invoiceLine({ tenant_id: 'lt a/b', invoice_id: 'i1', position: 0 }), invoiceLine({ tenant_id: 'lt a/b', invoice_id: 'i1', position: 1, quantity: null, match_confidence: null })]);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    duck = await (await DuckDBInstance.create(':memory:')).connect();
  });

  afterAll(async () => {
    duck?.closeSync();
    await db?.close();
    await database?.drop();
  });

  const keysOf = (table: LakeTable) => storage.list(bucket, `${table.location}/`);

  it.each(Object.values(LAKE_TABLES).map((table) => [table.name, table] as const))('%s: files sit under tenant=/year=/month=/day= partitions of its location', async (_, table) => {
    const keys = await keysOf(table);
    expect(keys.length).toBeGreaterThan(0);
    const layout = new RegExp(`^${table.location}/${PARTITION_KEYS.map((key) => `${key}=[^/=]+`).join('/')}/[^/]+\\.${table.extension.replace('.', '\\.')}$`);
    for (const key of keys) expect(key).toMatch(layout);
    // The tenant is URL-encoded in the path, and the date parts are zero-padded.
    expect(keys[0]).toContain(`/tenant=lt%20a%2Fb/year=2024/month=03/day=05/`);
  });

  it.each(Object.values(LAKE_TABLES).filter((t) => t.format === 'parquet').map((table) => [table.name, table] as const))(
    '%s: Parquet columns and types are the definition’s, and hive partitioning adds the partition keys',
    async (_, table) => {
      const [key] = await keysOf(table);
      const root = join(database.dataDir, 'objects', bucket);
      const file = join(root, ...key.split('/'));
      const described = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}', hive_partitioning = false)`)).getRowObjectsJson();
      expect(described.map((c) => [c.column_name, c.column_type])).toEqual(table.columns.map((c) => [c.name, storedColumnType(table.format, c.type, 'duckdb')]));
      const partitioned = (
        await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${join(root, table.location)}/*/*/*/*/*.parquet', hive_partitioning = true)`)
      ).getRowObjectsJson();
      const names = partitioned.map((c) => String(c.column_name));
      expect(names.slice(0, table.columns.length)).toEqual(table.columns.map((c) => c.name));
      expect(names.slice(table.columns.length).sort()).toEqual([...PARTITION_KEYS].sort());
    },
  );

  it('invoice_lines: each NDJSON line holds the definition’s columns, in order, with text decimals and timestamps', async () => {
    const table = LAKE_TABLES.invoice_lines;
    const [key] = await keysOf(table);
    const lines = readFileSync(join(database.dataDir, 'objects', bucket, ...key.split('/')), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const jsonType = { string: 'string', int32: 'number', int64: 'number', double: 'number', decimal: 'string', timestamp: 'string', boolean: 'boolean' } as const;
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(table.columns.map((c) => c.name));
      for (const column of table.columns) {
        if (line[column.name] === null) expect(column.nullable).toBe(true);
        else expect([column.name, typeof line[column.name]]).toEqual([column.name, jsonType[column.type]]);
      }
    }
    expect(table.columns.filter((c) => c.type === 'decimal').map((c) => storedColumnType('ndjson', c.type, 'glue'))).toEqual(['string', 'string', 'string', 'string']);
  });
});
