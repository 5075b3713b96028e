import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import type { ChangeEvent } from '../src/common/change-feed/change-event';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { openDataSource } from '../src/infrastructure/database/open-data-source';
import { runSql } from '../src/infrastructure/database/run-sql';
import { LocalObjectStorage } from '../src/infrastructure/storage/local-object-storage.adapter';
import { PostgresLakeWatermarks } from '../src/modules/analytics/adapters/postgres-lake-watermarks';
import { LakeChangeSubscriber } from '../src/modules/analytics';
import { Order } from '../src/modules/orders/domain/order';
import { OrderStatus } from '../src/modules/orders';
import { csvText, ndjsonRows, orderChange, product, productChange, RecordingStorage } from './support/lake-fixtures';
import { newOrder, tick } from './support/order-fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { inMemoryTestCache } from './support/test-cache';
import type { Cache } from '../src/common/cache/cache.port';
import { lakeTableCacheTag } from '../src/common/lake/lake-cache-tag';

describe('Lake writer: the change feed into the purchases and products datasets', () => {
  let database: TestDatabase;
  let db: Awaited<ReturnType<typeof openDataSource>>;
  let config: AppConfig;
  let storage: RecordingStorage;
  let lake: LakeChangeSubscriber;
  let bucket: string;
  let cache: Cache;

  beforeAll(async () => {
    database = await createTestDatabase();
    config = loadConfig(database.env);
    db = await openDataSource(config);
    bucket = config.storage.buckets.dataLake;
    storage = new RecordingStorage(new LocalObjectStorage(join(database.dataDir, 'objects')));
    cache = inMemoryTestCache();
    lake = new LakeChangeSubscriber(storage, config, new PostgresLakeWatermarks(db.dataSource), cache);
  });

  beforeEach(() => {
    storage.puts = [];
    storage.crashAfter = null;
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const purchaseKeys = (order: Order) => {
    const { tenantId, orderId, createdAt } = order.props;
    const partition = `tenant=${tenantId}/year=${createdAt.slice(0, 4)}/month=${createdAt.slice(5, 7)}/day=${createdAt.slice(8, 10)}`;
    return {
      parquet: `purchases/${partition}/${orderId}.parquet`,
      ndjson: `exports/ndjson/purchases/${partition}/${orderId}.ndjson`,
      csv: `exports/csv/purchases/${partition}/${orderId}.csv.gz`,
    };
  };
  const body = async (key: string) => (await storage.get(bucket, key))!.body;
  const bodies = async (keys: Record<string, string>) =>
    Object.fromEntries(await Promise.all(Object.entries(keys).map(async ([format, key]) => [format, await body(key)] as const)));
  const watermark = async (dataset: string, key: string) => {
    const { rows } = await runSql<{ version: string }>(db.dataSource, `SELECT version FROM lake_watermarks WHERE dataset = $1 AND key = $2`, [dataset, key]);
    return rows[0] ? Number(rows[0].version) : null;
  };
  const revised = (order: Order, quantity: number) =>
    order.revise({ items: order.props.items.map((item) => ({ ...item, quantity })) }, tick());

  it('writes each order line to purchases as Parquet, NDJSON and gzip CSV under the day the order was created', async () => {
    const order = newOrder({
      items: [
        { sku: 'ACEITE-500', name: 'Aceite, "virgen extra"', quantity: 3, unitPrice: '4.35' },
        { sku: 'ARROZ-1KG', name: 'Arroz\n1 kg', quantity: 7, unitPrice: '0.1' },
      ],
    });
    // A report cached over this tenant's purchases before the write is stale after it.
    const tag = lakeTableCacheTag(order.props.tenantId, 'purchases');
    await cache.set('report', 'old answer', 60, { tags: [tag] });
    await lake.handleChanges([orderChange(order)]);
    expect(await cache.get('report', { tags: [tag] })).toBeUndefined();

    const keys = purchaseKeys(order);
    expect(storage.puts.sort()).toEqual(Object.values(keys).sort());
    const { orderId, tenantId, createdAt } = order.props;
    const common = { tenant_id: tenantId, order_id: orderId, customer_id: 'cust-1', currency: 'EUR', order_status: 'PENDING', order_created_at: createdAt, order_updated_at: createdAt, order_version: 1 };
    expect(ndjsonRows(await body(keys.ndjson))).toEqual([
      { ...common, line_number: 1, sku: 'ACEITE-500', product_name: 'Aceite, "virgen extra"', quantity: 3, unit_price: '4.35', line_amount: '13.05' },
      { ...common, line_number: 2, sku: 'ARROZ-1KG', product_name: 'Arroz\n1 kg', quantity: 7, unit_price: '0.10', line_amount: '0.70' },
    ].map((row) => expect.objectContaining(row)));
    const csv = csvText(await body(keys.csv));
    expect(csv.split('\r\n')[0]).toBe(
      'tenant_id,order_id,line_number,customer_id,sku,product_name,quantity,unit_price,line_amount,currency,order_status,order_created_at,order_updated_at,order_version',
    );
    const csvRows = parse<Record<string, string>>(csv, { columns: true });
    expect(csvRows.map((r) => [r.product_name, r.line_amount])).toEqual([
      ['Aceite, "virgen extra"', '13.05'],
      ['Arroz\n1 kg', '0.70'],
    ]);
    expect((await body(keys.parquet)).subarray(0, 4).toString()).toBe('PAR1');
    expect(await watermark('purchases', orderId)).toBe(1);
  });

  it('replaces an order with its newer version, and writes nothing for an older or repeated one', async () => {
    const v1 = newOrder();
    const v2 = revised(v1, 5);
    await lake.handleChanges([orderChange(v1)]);
    await lake.handleChanges([orderChange(v2)]);
    const keys = purchaseKeys(v1);
    expect(ndjsonRows(await body(keys.ndjson))).toEqual([expect.objectContaining({ quantity: 5, line_amount: '21.75', order_version: 2 })]);
    const newest = await bodies(keys);

    storage.puts = [];
    await lake.handleChanges([orderChange(v1)]);
    await lake.handleChanges([orderChange(v2)]);
    expect(storage.puts).toEqual([]);
    expect(await bodies(keys)).toEqual(newest);
    expect(await watermark('purchases', v1.id)).toBe(2);
  });

  it('writes only the newest version of an order that comes several times in one batch', async () => {
    const v1 = newOrder();
    const v2 = revised(v1, 2);
    const v3 = v2.transition(OrderStatus.PAYMENT_PROCESSED, { transactionId: 'tx-1' }, tick());
    await lake.handleChanges([orderChange(v1), orderChange(v3), orderChange(v2)]);
    expect(storage.puts).toHaveLength(3);
    expect(ndjsonRows(await body(purchaseKeys(v1).ndjson))).toEqual([expect.objectContaining({ quantity: 2, order_status: 'PAYMENT_PROCESSED', order_version: 3 })]);
    expect(await watermark('purchases', v1.id)).toBe(3);
  });

  it('converges when the process dies after writing the objects but before the watermark', async () => {
    const v1 = newOrder();
    const v2 = revised(v1, 4);
    await lake.handleChanges([orderChange(v1)]);

    storage.puts = [];
    storage.crashAfter = 3;
    await expect(lake.handleChanges([orderChange(v2)])).rejects.toThrow(/simulated crash after the write/);
    expect(storage.puts).toHaveLength(3);
    expect(await watermark('purchases', v1.id)).toBe(1);
    const written = await bodies(purchaseKeys(v1));

    storage.crashAfter = null;
    await lake.handleChanges([orderChange(v2)]);
    expect(await bodies(purchaseKeys(v1))).toEqual(written);
    expect(ndjsonRows(written.ndjson)).toEqual([expect.objectContaining({ quantity: 4, order_version: 2 })]);
    expect(await watermark('purchases', v1.id)).toBe(2);
  });

  it('converges when the process dies part-way through the objects', async () => {
    const v1 = newOrder();
    const v2 = revised(v1, 9);
    await lake.handleChanges([orderChange(v1)]);
    const keys = purchaseKeys(v1);

    storage.puts = [];
    storage.crashAfter = 1;
    await expect(lake.handleChanges([orderChange(v2)])).rejects.toThrow(/simulated crash/);
    expect(storage.puts).toEqual([keys.parquet]);
    expect(ndjsonRows(await body(keys.ndjson))).toEqual([expect.objectContaining({ quantity: 3, order_version: 1 })]);

    storage.crashAfter = null;
    await lake.handleChanges([orderChange(v2)]);
    expect(ndjsonRows(await body(keys.ndjson))).toEqual([expect.objectContaining({ quantity: 9, order_version: 2 })]);
    expect(parse(csvText(await body(keys.csv)), { columns: true })).toEqual([expect.objectContaining({ quantity: '9', order_version: '2' })]);
    expect(await watermark('purchases', v1.id)).toBe(2);
  });

  it('never leaves an older version in place when it races a newer one', async () => {
    const v1 = newOrder();
    const v2 = revised(v1, 6);
    await Promise.all([lake.handleChanges([orderChange(v2)]), lake.handleChanges([orderChange(v1)])]);
    expect(ndjsonRows(await body(purchaseKeys(v1).ndjson))).toEqual([expect.objectContaining({ quantity: 6, order_version: 2 })]);
    expect(await watermark('purchases', v1.id)).toBe(2);
  });

  it('empties a deleted order, keeping its objects and schema, so it counts nothing', async () => {
    const v1 = newOrder();
    await lake.handleChanges([orderChange(v1)]);
    await lake.handleChanges([orderChange(v1, 'delete', 2)]);
    const keys = purchaseKeys(v1);
    expect((await body(keys.ndjson)).length).toBe(0);
    expect(csvText(await body(keys.csv)).split('\r\n')).toEqual([expect.stringMatching(/^tenant_id,order_id,/), '']);
    expect(await watermark('purchases', v1.id)).toBe(2);

    await lake.handleChanges([orderChange(v1)]);
    expect((await body(keys.ndjson)).length).toBe(0);
  });

  it('writes one product snapshot per version, deletes included, and rewrites the same bytes on redelivery', async () => {
    const v1 = product({ sku: 'SNAP-1' });
    const v2 = product({ sku: 'SNAP-1', price: '4.1', updatedAt: '2026-03-02T08:00:00.000Z', version: 2 });
    const changes: ChangeEvent[] = [productChange(v1), productChange(v2), productChange(v2, 'delete', 3, '2026-03-03T09:30:00.000Z')];
    await lake.handleChanges(changes);

    const keys = await storage.list(bucket, 'exports/ndjson/products/tenant=tenant-a/');
    expect(keys.filter((k) => k.includes('SNAP-1'))).toEqual([
      'exports/ndjson/products/tenant=tenant-a/year=2026/month=03/day=01/SNAP-1-v1.ndjson',
      'exports/ndjson/products/tenant=tenant-a/year=2026/month=03/day=02/SNAP-1-v2.ndjson',
      'exports/ndjson/products/tenant=tenant-a/year=2026/month=03/day=03/SNAP-1-v3.ndjson',
    ]);
    const deleted = ndjsonRows(await body('exports/ndjson/products/tenant=tenant-a/year=2026/month=03/day=03/SNAP-1-v3.ndjson'));
    expect(deleted).toEqual([
      expect.objectContaining({ sku: 'SNAP-1', price: '4.10', version: 3, deleted: true, description: null, changed_at: '2026-03-03T09:30:00.000Z' }),
    ]);
    const csv = parse<Record<string, string>>(csvText(await body('exports/csv/products/tenant=tenant-a/year=2026/month=03/day=01/SNAP-1-v1.csv.gz')), {
      columns: true,
    });
    expect(csv).toEqual([expect.objectContaining({ name: v1.name, description: '', deleted: 'false', version: '1' })]);

    const all = async () => {
      const list = (await storage.list(bucket, '')).filter((k) => k.includes('/products/') || k.startsWith('products/'));
      return Promise.all(list.filter((k) => k.includes('SNAP-1')).map(async (k) => [k, await body(k)] as const));
    };
    const before = await all();
    expect(before).toHaveLength(9);
    await lake.handleChanges(changes);
    expect(await all()).toEqual(before);
  });
});
