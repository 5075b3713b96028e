import { randomUUID } from 'node:crypto';
import { FulfilmentHarness, openFulfilmentHarness, taskContext } from '../../../../../test/support/fulfilment-harness';
import { Order } from '../../domain/order';
import { OrderStatus } from '../../domain/order-status';
import { OrderUpdatedEvent } from '../../events/order-updated.event';
import { ProcessPaymentCommand } from './process-payment.command';
import { ProcessPaymentHandler } from './process-payment.handler';

describe('ProcessPaymentHandler', () => {
  let h: FulfilmentHarness;
  let handler: ProcessPaymentHandler;
  const run = (order: Order, context = taskContext()) =>
    handler.execute(new ProcessPaymentCommand({ tenantId: order.props.tenantId, orderId: order.id }, context));
  const reload = async (order: Order) => (await h.orders.findById(order.props.tenantId, order.id))!;
  const charges = (order: Order) => h.count(`SELECT count(*) FROM payments WHERE order_id = $1 AND status = 'succeeded'`, [order.id]);

  beforeAll(async () => {
    h = await openFulfilmentHarness();
    handler = new ProcessPaymentHandler(h.orders, h.payments, h.events);
  });
  afterAll(() => h?.close());
  beforeEach(() => h.events.publish.mockClear());

  it('charges the order total and marks the order PAYMENT_PROCESSED', async () => {
    const order = await h.placeOrder();
    const result = await run(order);
    expect(result).toEqual({ transactionId: expect.stringMatching(/^ch_/), amount: '13.05', currency: 'EUR' });
    const paid = await reload(order);
    expect(paid.props).toMatchObject({ status: OrderStatus.PAYMENT_PROCESSED, transactionId: result.transactionId, version: 2 });
    expect(Date.parse(paid.props.paymentDate!)).not.toBeNaN();
    expect(h.events.publish).toHaveBeenCalledTimes(1);
    expect(h.events.publish).toHaveBeenCalledWith(new OrderUpdatedEvent(paid.props, order.props));
  });

  it('returns the same result on a re-run without charging or publishing again', async () => {
    const order = await h.placeOrder();
    const context = taskContext();
    const first = await run(order, context);
    const again = await run(order, context);
    expect(again).toEqual(first);
    expect(await charges(order)).toBe(1);
    expect(h.events.publish).toHaveBeenCalledTimes(1);
    expect((await reload(order)).version).toBe(2);
  });

  it('after a crash between the charge and the order update, the re-run reuses the charge', async () => {
    const order = await h.placeOrder();
    const context = taskContext();
    h.orders.crashOnNextUpdate();
    await expect(run(order, context)).rejects.toThrow('simulated crash');
    expect((await reload(order)).status).toBe(OrderStatus.PENDING);
    const [{ transaction_id: charged }] = await h.db.query(`SELECT transaction_id FROM payments WHERE order_id = $1`, [order.id]);

    const result = await run(order, { ...context, attempt: 2 });
    expect(result.transactionId).toBe(charged);
    expect((await reload(order)).props.transactionId).toBe(charged);
    expect(await charges(order)).toBe(1);
  });

  it('charges once even when two executions race on the same order with different task contexts', async () => {
    const order = await h.placeOrder();
    const results = await Promise.allSettled([run(order, taskContext()), run(order, taskContext())]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    expect(await charges(order)).toBe(1);
    const transactionIds = new Set(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.transactionId] : [])));
    expect(transactionIds.size).toBe(1);
  });

  it('throws Payment.Declined with the decline code and leaves the order PENDING', async () => {
    const order = await h.placeOrder({ paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds' });
    await expect(run(order)).rejects.toMatchObject({ name: 'Payment.Declined', message: expect.stringContaining('insufficient_funds') });
    expect((await reload(order)).status).toBe(OrderStatus.PENDING);
    expect(h.events.publish).not.toHaveBeenCalled();
  });

  it('surfaces a provider outage as Payment.ProviderUnavailable until a retry succeeds', async () => {
    const order = await h.placeOrder({ paymentMethod: 'pm_card_transientFailure' });
    const context = taskContext();
    await expect(run(order, context)).rejects.toMatchObject({ name: 'Payment.ProviderUnavailable' });
    await expect(run(order, { ...context, attempt: 2 })).rejects.toMatchObject({ name: 'Payment.ProviderUnavailable' });
    await run(order, { ...context, attempt: 3 });
    expect((await reload(order)).status).toBe(OrderStatus.PAYMENT_PROCESSED);
    expect(await charges(order)).toBe(1);
  });

  it('refuses a cancelled order as Order.NotPayable without charging it', async () => {
    const order = await h.placeOrder({ path: [[OrderStatus.CANCELLED]] });
    await expect(run(order)).rejects.toMatchObject({ name: 'Order.NotPayable' });
    expect(await h.count(`SELECT count(*) FROM payments WHERE order_id = $1`, [order.id])).toBe(0);
  });

  it('reports a concurrent change of the order as the retryable Order.Conflict', async () => {
    const order = await h.placeOrder();
    await h.orders.update(order.revise({}));
    const context = taskContext();
    jest.spyOn(h.orders, 'findById').mockResolvedValueOnce(order);
    await expect(run(order, context)).rejects.toMatchObject({ name: 'Order.Conflict' });
    // The retry reads the current version and goes through with the same charge.
    await expect(run(order, { ...context, attempt: 2 })).resolves.toMatchObject({ amount: '13.05' });
    expect(await charges(order)).toBe(1);
  });

  it('names bad input and unknown orders', async () => {
    const context = taskContext();
    await expect(handler.execute(new ProcessPaymentCommand({ orderId: 'x' }, context))).rejects.toMatchObject({ name: 'Order.InvalidTaskInput' });
    await expect(handler.execute(new ProcessPaymentCommand(['x'], context))).rejects.toMatchObject({ name: 'Order.InvalidTaskInput' });
    await expect(handler.execute(new ProcessPaymentCommand({ tenantId: 'tenant-a', orderId: randomUUID() }, context))).rejects.toMatchObject({
      name: 'Order.NotFound',
    });
  });
});
