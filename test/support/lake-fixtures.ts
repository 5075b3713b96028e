import { gunzipSync } from 'node:zlib';
import { ChangeEvent, changeIdOf } from '../../src/common/change-feed/change-event';
import type { ObjectStorage, PutOptions, StoredObject } from '../../src/common/storage/object-storage.port';
import type { Product } from '../../src/modules/matching';
import type { Order } from '../../src/modules/orders/domain/order';

/** The change event the feed delivers for an order write. */
export function orderChange(order: Order, op: ChangeEvent['op'] = 'upsert', version = order.version): ChangeEvent {
  const { tenantId, orderId: key, updatedAt } = order.props;
  return { changeId: changeIdOf({ entity: 'order', tenantId, key, version }), tenantId, entity: 'order', key, version, op, occurredAt: updatedAt, data: { ...order.props } };
}

export function product(overrides: Partial<Product> = {}): Product {
  return {
    tenantId: 'tenant-a',
    sku: 'ACEITE-500',
    name: 'Aceite de oliva, "virgen extra"\n500 ml',
    description: null,
    brand: 'Olivar',
    category: 'aceites',
    unit: 'botella',
    price: '4.35',
    currency: 'EUR',
    supplierId: 'olivar',
    supplierCode: 'OL-1',
    gtin: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function productChange(p: Product, op: ChangeEvent['op'] = 'upsert', version = p.version, occurredAt = p.updatedAt): ChangeEvent {
  const { tenantId, sku: key } = p;
  return { changeId: changeIdOf({ entity: 'product', tenantId, key, version }), tenantId, entity: 'product', key, version, op, occurredAt, data: { ...p } };
}

/**
 * Storage that records its puts and can crash: with `crashAfter` = N, the Nth put is
 * written and then fails (the process died after the write) and later puts are refused.
 */
export class RecordingStorage implements ObjectStorage {
  puts: string[] = [];
  crashAfter: number | null = null;

  constructor(private readonly inner: ObjectStorage) {}

  async put(bucket: string, key: string, body: Buffer, options?: PutOptions): Promise<StoredObject> {
    if (this.crashed()) throw new Error('simulated crash before the write');
    this.puts.push(key);
    const stored = await this.inner.put(bucket, key, body, options);
    if (this.crashed()) throw new Error('simulated crash after the write');
    return stored;
  }

  private crashed(): boolean {
    return this.crashAfter !== null && this.puts.length >= this.crashAfter;
  }

  get = (bucket: string, key: string) => this.inner.get(bucket, key);
  head = (bucket: string, key: string) => this.inner.head(bucket, key);
  list = (bucket: string, prefix: string) => this.inner.list(bucket, prefix);
}

export const ndjsonRows = (body: Buffer) =>
  body
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

export const csvText = (body: Buffer) => gunzipSync(body).toString('utf8');
