import type { JsonValue } from '../../../workflow';
import { FulfilmentHarness, openFulfilmentHarness, taskContext } from '../../../../../test/support/fulfilment-harness';
import { Order } from '../../domain/order';
import { OrderStatus } from '../../domain/order-status';
import { MarkPaymentFailedCommand } from './mark-payment-failed.command';
import { MarkPaymentFailedHandler } from './mark-payment-failed.handler';

const DECLINED = { Error: 'Payment.Declined', Cause: 'The payment was declined (decline code: insufficient_funds)' };

describe('MarkPaymentFailedHandler', () => {
  let h: FulfilmentHarness;
  let handler: MarkPaymentFailedHandler;
  const run = (order: Order, error: JsonValue = DECLINED) =>
    handler.execute(new MarkPaymentFailedCommand({ tenantId: order.props.tenantId, orderId: order.id, error }, taskContext()));
  const reload = async (order: Order) => (await h.orders.findById(order.props.tenantId, order.id))!;

  beforeAll(async () => {
    h = await openFulfilmentHarness();
    handler = new MarkPaymentFailedHandler(h.orders, h.events);
  });
  afterAll(() => h?.close());
  beforeEach(() => h.events.publish.mockClear());

  it('marks a pending order PAYMENT_FAILED with the caught error as the reason, once', async () => {
    const order = await h.placeOrder();
    expect(await run(order)).toEqual({ status: 'PAYMENT_FAILED' });
    expect(await run(order)).toEqual({ status: 'PAYMENT_FAILED' });
    expect((await reload(order)).props).toMatchObject({
      status: OrderStatus.PAYMENT_FAILED,
      failureReason: 'Payment.Declined: The payment was declined (decline code: insufficient_funds)',
      version: 2,
    });
    expect(h.events.publish).toHaveBeenCalledTimes(1);
  });

  it('uses the error name alone when there is no cause', async () => {
    const order = await h.placeOrder();
    await run(order, { Error: 'States.Timeout' });
    expect((await reload(order)).props.failureReason).toBe('States.Timeout');
  });

  it.each([undefined, null, 'Payment.Declined', { Cause: 'no name' }])('needs the caught error, refusing %j', async (error) => {
    const order = await h.placeOrder();
    await expect(
      handler.execute(new MarkPaymentFailedCommand({ tenantId: order.props.tenantId, orderId: order.id, ...(error === undefined ? {} : { error }) }, taskContext())),
    ).rejects.toMatchObject({ name: 'Order.InvalidTaskInput' });
  });

  it('refuses an order that was already paid as Order.InvalidState', async () => {
    const order = await h.placeOrder({ path: [[OrderStatus.PAYMENT_PROCESSED]] });
    await expect(run(order)).rejects.toMatchObject({ name: 'Order.InvalidState' });
  });
});
