import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import type { ChangeEvent } from '../src/common/change-feed/change-event';
import { ChangeOutbox } from '../src/infrastructure/change-feed/change-outbox';
import { ChangeRelay } from '../src/infrastructure/change-feed/change-relay.service';
import { runSql } from '../src/infrastructure/database/run-sql';
import { ORDER_REPOSITORY, OrderRepository } from '../src/modules/orders/domain/order-repository.port';
import { ChangeFeedTestModule, RecordingSubscriber } from './support/change-feed-test-module';
import { newOrder, orderBody } from './support/order-fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** Generous for a loaded CI machine; the feed's lag itself is measured by the benchmark, not asserted here. */
const WAIT_MS = 5_000;

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | false>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const versions = (changes: ChangeEvent[]) => changes.map((c) => c.version);

describe('Change feed: outbox → relay → subscriber queues (e2e)', () => {
  let t: TestApp;
  let subscriber: RecordingSubscriber;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp({}, { imports: [ChangeFeedTestModule] });
    subscriber = t.app.get(RecordingSubscriber);
    auth = { Authorization: `Bearer ${await t.token({ tenantId: 'feed-a' })}` };
  });
  afterAll(() => t?.close());

  it('delivers product creates, updates and deletes, and order writes, in per-key order with full images', async () => {
    const created = await t.http().post('/v1/products').set(auth).send({ sku: 'P-1', name: 'Aceite 1 l', price: '7.9', currency: 'EUR' }).expect(201);
    const replaced = await t.http().put('/v1/products/P-1').set(auth).send({ name: 'Aceite 1 l garrafa', price: '8.10', currency: 'EUR' }).expect(200);
    await t.http().delete('/v1/products/P-1').set(auth).expect(204);
    const order = await t.http().post('/v1/orders').set(auth).send(orderBody()).expect(201);
    const orderId = order.body.orderId as string;

    const product = await until('the product delete', () => {
      const seen = subscriber.appliedOf('product', 'feed-a', 'P-1');
      return seen.length === 3 && seen;
    });
    expect(product.map((c) => [c.op, c.version])).toEqual([['upsert', 1], ['upsert', 2], ['delete', 3]]);
    expect(product[0]).toMatchObject({ changeId: 'product:feed-a:P-1:1', tenantId: 'feed-a', entity: 'product', key: 'P-1' });
    // The image is the module's Product: what the API returns, plus the tenant.
    expect(product[0].data).toEqual({ ...created.body, tenantId: 'feed-a' });
    expect(product[1].data).toEqual({ ...replaced.body, tenantId: 'feed-a' });
    expect(product[2].data).toEqual(product[1].data); // a delete carries the last image
    expect(Date.parse(product[2].occurredAt)).toBeGreaterThanOrEqual(Date.parse(replaced.body.updatedAt));

    const orderChanges = await until('the order', () => {
      const seen = subscriber.appliedOf('order', 'feed-a', orderId);
      return seen.length > 0 && seen;
    });
    expect(orderChanges[0]).toMatchObject({ op: 'upsert', version: 1, changeId: `order:feed-a:${orderId}:1` });
    expect(orderChanges[0].data).toMatchObject({ orderId, tenantId: 'feed-a', totalAmount: order.body.totalAmount, status: order.body.status });

    // The fulfilment workflow updates the order too, racing a cancel over HTTP: whichever wins,
    // every version the order goes through reaches the subscriber, in order, with its image.
    const cancel = await t.http().delete(`/v1/orders/${orderId}`).set(auth);
    expect([200, 409]).toContain(cancel.status);
    const settled = await until('a settled order', async () => {
      const res = await t.http().get(`/v1/orders/${orderId}`).set(auth).expect(200);
      return ['CANCELLED', 'COMPLETED', 'PAYMENT_FAILED'].includes(res.body.status) && res.body;
    });
    expect(settled.version).toBeGreaterThan(1);
    const all = await until('every order version', () => {
      const seen = subscriber.appliedOf('order', 'feed-a', orderId);
      return seen[seen.length - 1]?.version === settled.version && seen;
    });
    expect(versions(all)).toEqual(Array.from({ length: settled.version }, (_, i) => i + 1));
    expect(all[all.length - 1].data).toMatchObject({ status: settled.status, version: settled.version, updatedAt: settled.updatedAt });
  });

  it('redelivers a batch its subscriber failed, holding later changes of the tenant back: nothing lost, nothing out of order', async () => {
    subscriber.failNextBatch((changes) => changes.some((c) => c.key === 'FAIL-1'));
    await t.http().post('/v1/products').set(auth).send({ sku: 'FAIL-1', name: 'Primero' }).expect(201);
    await until('the failed first delivery', () => subscriber.received.some((c) => c.key === 'FAIL-1'));
    await t.http().put('/v1/products/FAIL-1').set(auth).send({ name: 'Segundo' }).expect(200);
    await t.http().post('/v1/products').set(auth).send({ sku: 'AFTER-1', name: 'Después' }).expect(201);

    await until('both versions applied', () => subscriber.appliedOf('product', 'feed-a', 'FAIL-1').length === 2);
    expect(subscriber.appliedOf('product', 'feed-a', 'FAIL-1').map((c) => c.data.name)).toEqual(['Primero', 'Segundo']);
    expect(subscriber.received.filter((c) => c.changeId === 'product:feed-a:FAIL-1:1').length).toBeGreaterThanOrEqual(2);
    // The same tenant's later change waited for the retried one: the queue groups by tenant.
    await until('the later product', () => subscriber.appliedOf('product', 'feed-a', 'AFTER-1').length === 1);
    const applied = subscriber.applied.map((c) => c.changeId);
    expect(applied.indexOf('product:feed-a:AFTER-1:1')).toBeGreaterThan(applied.indexOf('product:feed-a:FAIL-1:2'));
  });

  it('records no change for a write whose transaction rolls back, and one for the write that commits', async () => {
    const relay = t.app.get(ChangeRelay);
    await relay.stop(); // keeps the outbox rows in place to be counted
    const pending = async (key: string) =>
      (await runSql(t.app.get(DataSource), `SELECT id FROM change_outbox WHERE tenant_id = 'feed-a' AND key = $1`, [key])).rows.length;
    try {
      // Two creates race for one idempotency key: both find it free, and the loser's transaction,
      // which already inserted its order and its change, rolls back when it cannot claim the key.
      const orders = t.app.get<OrderRepository>(ORDER_REPOSITORY);
      const claim = { key: 'race-1', requestHash: 'same-body' };
      const candidates = [newOrder({ tenantId: 'feed-a' }), newOrder({ tenantId: 'feed-a' })];
      const results = await Promise.all(candidates.map((order) => orders.create(order, claim)));
      // Either may win on a real Postgres; exactly one does, and the other replays it.
      expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
      const winnerIndex = results.findIndex((r) => !r.replayed);
      const [winner, loser] = [candidates[winnerIndex], candidates[1 - winnerIndex]];
      expect(results[1 - winnerIndex].order.id).toBe(winner.id);
      expect(await orders.findById('feed-a', loser.id)).toBeNull();
      expect(await pending(loser.id)).toBe(0);
      expect(await pending(winner.id)).toBe(1);
    } finally {
      relay.start();
    }
  });

  it('sends a batch again after a relay crash between send and delete, with the same change ids', async () => {
    const outbox = t.app.get(ChangeOutbox);
    await until('an idle relay', () => outbox.isEmpty()); // so the crash hits the batch with our change
    const remove = jest.spyOn(outbox, 'remove').mockImplementationOnce(async () => {
      await until('the first delivery', () => subscriber.received.some((c) => c.key === 'CRASH-1'));
      throw new Error('relay crashed before deleting what it sent');
    });
    try {
      await t.http().post('/v1/products').set(auth).send({ sku: 'CRASH-1', name: 'Crash' }).expect(201);
      await until('the second delivery', () => subscriber.received.filter((c) => c.key === 'CRASH-1').length >= 2);
    } finally {
      remove.mockRestore();
    }
    const deliveries = subscriber.received.filter((c) => c.key === 'CRASH-1');
    expect(new Set(deliveries.map((c) => c.changeId))).toEqual(new Set(['product:feed-a:CRASH-1:1']));
    expect(subscriber.appliedOf('product', 'feed-a', 'CRASH-1')).toHaveLength(1);
    await until('the outbox drained after the second send', () => outbox.isEmpty());
  });
});
