import { FulfilmentHarness, openFulfilmentHarness, taskContext } from '../../../../../test/support/fulfilment-harness';
import { Order } from '../../domain/order';
import { OrderStatus } from '../../domain/order-status';
import { OrderUpdatedEvent } from '../../events/order-updated.event';
import { ArrangeShipmentCommand } from './arrange-shipment.command';
import { ArrangeShipmentHandler } from './arrange-shipment.handler';

const PAID: [OrderStatus, { transactionId: string }][] = [[OrderStatus.PAYMENT_PROCESSED, { transactionId: 'ch_1' }]];

describe('ArrangeShipmentHandler', () => {
  let h: FulfilmentHarness;
  let handler: ArrangeShipmentHandler;
  const run = (order: Order, context = taskContext()) =>
    handler.execute(new ArrangeShipmentCommand({ tenantId: order.props.tenantId, orderId: order.id }, context));
  const reload = async (order: Order) => (await h.orders.findById(order.props.tenantId, order.id))!;
  const shipments = (order: Order) => h.count(`SELECT count(*) FROM shipments WHERE order_id = $1`, [order.id]);

  beforeAll(async () => {
    h = await openFulfilmentHarness();
    handler = new ArrangeShipmentHandler(h.orders, h.carrier, h.events);
  });
  afterAll(() => h?.close());
  beforeEach(() => h.events.publish.mockClear());

  it('books the shipment and marks the order SHIPPED with carrier, tracking number and estimate', async () => {
    const order = await h.placeOrder({ path: PAID });
    const result = await run(order);
    expect(result).toEqual({
      carrier: 'DHL',
      trackingNumber: expect.stringMatching(/^\d{10}$/),
      estimatedDeliveryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      shipmentDate: expect.any(String),
    });
    const shipped = await reload(order);
    expect(shipped.props).toMatchObject({ status: OrderStatus.SHIPPED, ...result });
    expect(h.events.publish).toHaveBeenCalledWith(new OrderUpdatedEvent(shipped.props, order.props));
  });

  it('returns the same shipment on a re-run, also after a crash before the order update', async () => {
    const order = await h.placeOrder({ path: PAID });
    const context = taskContext();
    h.orders.crashOnNextUpdate();
    await expect(run(order, context)).rejects.toThrow('simulated crash');
    const [{ tracking_number: booked }] = await h.db.query(`SELECT tracking_number FROM shipments WHERE order_id = $1`, [order.id]);
    const result = await run(order, { ...context, attempt: 2 });
    expect(result.trackingNumber).toBe(booked);
    expect(await run(order, { ...context, attempt: 3 })).toEqual(result);
    expect(await shipments(order)).toBe(1);
    expect(h.events.publish).toHaveBeenCalledTimes(1);
  });

  it('passes Shipment.AddressRejected through for an address no carrier serves', async () => {
    const order = await h.placeOrder({
      path: PAID,
      shippingAddress: { line1: 'Nowhere 1', city: 'Nowhere', postalCode: '00000', country: 'ES' },
    });
    await expect(run(order)).rejects.toMatchObject({ name: 'Shipment.AddressRejected' });
    expect((await reload(order)).status).toBe(OrderStatus.PAYMENT_PROCESSED);
  });

  it.each([[[]], [[[OrderStatus.CANCELLED]]]] as const)('refuses an order that is not paid as Order.InvalidState', async (path) => {
    const order = await h.placeOrder({ path: [...path] as [OrderStatus][] });
    await expect(run(order)).rejects.toMatchObject({ name: 'Order.InvalidState' });
    expect(await shipments(order)).toBe(0);
  });
});
