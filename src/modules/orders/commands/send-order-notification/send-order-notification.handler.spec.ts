import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FulfilmentHarness, openFulfilmentHarness, taskContext } from '../../../../../test/support/fulfilment-harness';
import { Order } from '../../domain/order';
import { OrderStatus } from '../../domain/order-status';
import { SendOrderNotificationCommand } from './send-order-notification.command';
import { SendOrderNotificationHandler } from './send-order-notification.handler';

const SHIPPED: [OrderStatus, object][] = [
  [OrderStatus.PAYMENT_PROCESSED, { transactionId: 'ch_1' }],
  [OrderStatus.SHIPPED, { carrier: 'DHL', trackingNumber: '1234567895', estimatedDeliveryDate: '2026-03-10' }],
];

describe('SendOrderNotificationHandler', () => {
  let h: FulfilmentHarness;
  let handler: SendOrderNotificationHandler;
  const run = (order: Order, context = taskContext()) =>
    handler.execute(new SendOrderNotificationCommand({ tenantId: order.props.tenantId, orderId: order.id }, context));
  const emails = async () => (await readdir(h.outboxDir).catch(() => [])).filter((f) => f.endsWith('.eml'));

  beforeAll(async () => {
    h = await openFulfilmentHarness();
    handler = new SendOrderNotificationHandler(h.orders, h.notifier);
  });
  afterAll(() => h?.close());

  it('emails the customer the shipped order, keyed by the order so any execution sends it once', async () => {
    const order = await h.placeOrder({ path: SHIPPED });
    const send = jest.spyOn(h.notifier, 'send');
    const { notificationId } = await run(order, taskContext());
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        idempotencyKey: `order:tenant-a:${order.id}:shipped-email`,
        to: 'ana@example.com',
        subject: `Your order ${order.id} has shipped`,
        attributes: { orderId: order.id, tenantId: 'tenant-a' },
      }),
    );
    const eml = await readFile(join(h.outboxDir, `${notificationId}.eml`), 'utf8');
    expect(eml).toContain('Tracking number: 1234567895');
    expect(eml).toContain('Total: 13.05 EUR');
  });

  it('returns the same notification on a re-run and sends no second email', async () => {
    const order = await h.placeOrder({ path: SHIPPED });
    const context = taskContext();
    const before = (await emails()).length;
    const first = await run(order, context);
    expect(await run(order, { ...context, attempt: 2 })).toEqual(first);
    expect((await emails()).length).toBe(before + 1);
  });

  it('refuses an order that has not shipped as Order.InvalidState', async () => {
    const order = await h.placeOrder({ path: [[OrderStatus.PAYMENT_PROCESSED, { transactionId: 'ch_2' }]] });
    await expect(run(order)).rejects.toMatchObject({ name: 'Order.InvalidState' });
  });
});
