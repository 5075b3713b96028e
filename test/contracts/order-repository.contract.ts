import { randomUUID } from 'node:crypto';
import { newOrder, tick } from '../support/order-fixtures';
import { InvalidCursorError } from '../../src/common/pagination/cursor';
import { Order } from '../../src/modules/orders/domain/order';
import {
  IdempotencyKeyReusedError,
  OrderRepository,
  StaleOrderError,
} from '../../src/modules/orders/domain/order-repository.port';
import { OrderStatus } from '../../src/modules/orders/domain/order-status';

export interface RepositoryHarness {
  repository: OrderRepository;
  close(): Promise<void>;
}

/** The behaviour every OrderRepository adapter must share. */
export function describeOrderRepositoryContract(name: string, open: () => Promise<RepositoryHarness>): void {
  describe(`OrderRepository contract: ${name}`, () => {
    let harness: RepositoryHarness;
    let repo: OrderRepository;

    beforeAll(async () => {
      harness = await open();
      repo = harness.repository;
    });
    afterAll(() => harness?.close());

    it('stores an order and reads back the same snapshot, amounts exact', async () => {
      const order = newOrder({
        items: [
          { sku: 'A', name: 'Big', quantity: 1000, unitPrice: '99999999999.9999' },
          { sku: 'B', name: 'Tiny', quantity: 7, unitPrice: '0.0125' },
        ],
      });
      const result = await repo.create(order);
      expect(result.replayed).toBe(false);
      const found = await repo.findById('tenant-a', order.id);
      expect(found?.props).toEqual(order.props);
      expect(found?.props.totalAmount).toBe('99999999999999.9875');
    });

    it('never returns an order to another tenant', async () => {
      const order = newOrder();
      await repo.create(order);
      expect(await repo.findById('tenant-b', order.id)).toBeNull();
    });

    it('returns null for unknown and malformed ids', async () => {
      expect(await repo.findById('tenant-a', randomUUID())).toBeNull();
      expect(await repo.findById('tenant-a', 'not-a-uuid')).toBeNull();
    });

    describe('idempotency', () => {
      it('replays the first order for the same key and body', async () => {
        const claim = { key: randomUUID(), requestHash: 'h1' };
        const first = await repo.create(newOrder(), claim);
        const second = await repo.create(newOrder(), claim);
        expect(second.replayed).toBe(true);
        expect(second.order.props).toEqual(first.order.props);
      });

      it('refuses the same key with another body', async () => {
        const key = randomUUID();
        await repo.create(newOrder(), { key, requestHash: 'h1' });
        await expect(repo.create(newOrder(), { key, requestHash: 'h2' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      });

      it('scopes keys to the tenant', async () => {
        const key = randomUUID();
        const a = await repo.create(newOrder({ tenantId: 'tenant-a' }), { key, requestHash: 'h' });
        const b = await repo.create(newOrder({ tenantId: 'tenant-b' }), { key, requestHash: 'h' });
        expect(b.replayed).toBe(false);
        expect(b.order.id).not.toBe(a.order.id);
      });

      it('creates exactly one order when the same key races', async () => {
        const claim = { key: randomUUID(), requestHash: 'h' };
        const results = await Promise.all(Array.from({ length: 5 }, () => repo.create(newOrder({ customerId: claim.key }), claim)));
        expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
        expect(results.filter((r) => !r.replayed)).toHaveLength(1);
        const page = await repo.list('tenant-a', { customerId: claim.key, limit: 10 });
        expect(page.items).toHaveLength(1);
      });
    });

    describe('listing', () => {
      const tenantId = `tenant-list-${randomUUID()}`;
      const created: Order[] = [];

      beforeAll(async () => {
        for (let i = 0; i < 7; i++) {
          const order = newOrder({ tenantId, customerId: i % 2 === 0 ? 'even' : 'odd' });
          await repo.create(order);
          created.push(order);
        }
        await repo.create(newOrder({ tenantId: `${tenantId}-other`, customerId: 'even' }));
      });

      it('pages newest first across pages with no gaps or repeats', async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await repo.list(tenantId, { limit: 3, cursor });
          seen.push(...page.items.map((o) => o.id));
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor);
        expect(pages).toBe(3);
        expect(seen).toEqual([...created].reverse().map((o) => o.id));
      });

      it('filters by customer', async () => {
        const page = await repo.list(tenantId, { customerId: 'even', limit: 10 });
        expect(page.items.map((o) => o.id)).toEqual(created.filter((_, i) => i % 2 === 0).reverse().map((o) => o.id));
        expect(page.nextCursor).toBeNull();
      });

      it('filters by status, paging through the matches only', async () => {
        const cancelled = [created[1], created[4], created[5]].map((o) => o.cancel(tick()));
        for (const order of cancelled) await repo.update(order);
        const first = await repo.list(tenantId, { status: OrderStatus.CANCELLED, limit: 2 });
        const second = await repo.list(tenantId, { status: OrderStatus.CANCELLED, limit: 2, cursor: first.nextCursor! });
        expect([...first.items, ...second.items].map((o) => o.id)).toEqual([created[5].id, created[4].id, created[1].id]);
        expect(second.nextCursor).toBeNull();
      });

      it('rejects a cursor it did not make', async () => {
        await expect(repo.list(tenantId, { limit: 3, cursor: 'garbage!' })).rejects.toBeInstanceOf(InvalidCursorError);
        const foreign = Buffer.from(JSON.stringify({ x: 1 })).toString('base64url');
        await expect(repo.list(tenantId, { limit: 3, cursor: foreign })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe('updates', () => {
      it('writes over the expected version and keeps lifecycle fields', async () => {
        const order = newOrder();
        await repo.create(order);
        const paid = order.transition(OrderStatus.PAYMENT_PROCESSED, {
          paymentDate: '2026-03-01T10:05:00.000Z',
          transactionId: 'txn_123',
        });
        await repo.update(paid);
        const shipped = paid.transition(OrderStatus.SHIPPED, {
          shipmentDate: '2026-03-02T08:00:00.000Z',
          trackingNumber: '1Z999',
          carrier: 'UPS',
          estimatedDeliveryDate: '2026-03-06',
        });
        await repo.update(shipped);
        expect((await repo.findById('tenant-a', order.id))?.props).toEqual(shipped.props);
        const completed = shipped.transition(OrderStatus.COMPLETED);
        await repo.update(completed);
        expect((await repo.findById('tenant-a', order.id))?.props).toEqual(completed.props);
      });

      it('keeps the payment method and a payment failure reason', async () => {
        const order = newOrder({ paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds' });
        await repo.create(order);
        const failed = order.transition(OrderStatus.PAYMENT_FAILED, { failureReason: 'Payment.Declined: insufficient_funds' });
        await repo.update(failed);
        const found = await repo.findById('tenant-a', order.id);
        expect(found?.props).toEqual(failed.props);
        expect(found?.props.paymentMethod).toBe('pm_card_chargeDeclinedInsufficientFunds');
      });

      it('refuses a stale write', async () => {
        const order = newOrder();
        await repo.create(order);
        await repo.update(order.revise({ items: [{ sku: 'X', name: 'X', quantity: 1, unitPrice: '1' }] }));
        await expect(repo.update(order.cancel())).rejects.toBeInstanceOf(StaleOrderError);
      });

      it('lets exactly one of two concurrent writers win', async () => {
        const order = newOrder();
        await repo.create(order);
        const outcomes = await Promise.allSettled([repo.update(order.cancel()), repo.update(order.revise({}))]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(StaleOrderError);
      });

      it('does not update an order of another tenant', async () => {
        const order = newOrder();
        await repo.create(order);
        const forged = Order.restore({ ...order.cancel().props, tenantId: 'tenant-b' });
        await expect(repo.update(forged)).rejects.toBeInstanceOf(StaleOrderError);
        expect((await repo.findById('tenant-a', order.id))?.status).toBe(OrderStatus.PENDING);
      });
    });
  });
}
