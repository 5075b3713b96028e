import { FulfilmentHarness, openFulfilmentHarness, taskContext } from '../../../../../test/support/fulfilment-harness';
import { Order } from '../../domain/order';
import { OrderStatus } from '../../domain/order-status';
import { OrderUpdatedEvent } from '../../events/order-updated.event';
import { CompleteOrderCommand } from './complete-order.command';
import { CompleteOrderHandler } from './complete-order.handler';

describe('CompleteOrderHandler', () => {
  let h: FulfilmentHarness;
  let handler: CompleteOrderHandler;
  const run = (order: Order) => handler.execute(new CompleteOrderCommand({ tenantId: order.props.tenantId, orderId: order.id }, taskContext()));
  const reload = async (order: Order) => (await h.orders.findById(order.props.tenantId, order.id))!;

  beforeAll(async () => {
    h = await openFulfilmentHarness();
    handler = new CompleteOrderHandler(h.orders, h.events);
  });
  afterAll(() => h?.close());
  beforeEach(() => h.events.publish.mockClear());

  it('completes a shipped order once, however often it runs', async () => {
    const order = await h.placeOrder({ path: [[OrderStatus.PAYMENT_PROCESSED], [OrderStatus.SHIPPED]] });
    expect(await run(order)).toEqual({ status: 'COMPLETED' });
    expect(await run(order)).toEqual({ status: 'COMPLETED' });
    const completed = await reload(order);
    expect(completed.version).toBe(order.version + 1);
    expect(h.events.publish).toHaveBeenCalledTimes(1);
    expect(h.events.publish).toHaveBeenCalledWith(new OrderUpdatedEvent(completed.props, order.props));
  });

  it('refuses an order that has not shipped as Order.InvalidState', async () => {
    const order = await h.placeOrder({ path: [[OrderStatus.PAYMENT_PROCESSED]] });
    await expect(run(order)).rejects.toMatchObject({ name: 'Order.InvalidState' });
    expect((await reload(order)).status).toBe(OrderStatus.PAYMENT_PROCESSED);
  });
});
