import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { CARRIER, Carrier } from '../../domain/carrier.port';
import type { OrderProps } from '../../domain/order';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { OrderStatus } from '../../domain/order-status';
import { commitTransition, loadTaskOrder, SHIPPED_STATUSES, sideEffectKey } from '../order-task';
import { OrderStateError } from '../order-task.errors';
import { ArrangeShipmentCommand, ArrangeShipmentResult } from './arrange-shipment.command';

/** The booking is keyed by the task's idempotency key, so a re-run gets the same shipment. */
@CommandHandler(ArrangeShipmentCommand)
export class ArrangeShipmentHandler implements ICommandHandler<ArrangeShipmentCommand> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(CARRIER) private readonly carrier: Carrier,
    private readonly events: EventBus,
  ) {}

  async execute({ input }: ArrangeShipmentCommand): Promise<ArrangeShipmentResult> {
    const order = await loadTaskOrder(this.orders, input);
    const { props } = order;
    if (SHIPPED_STATUSES.includes(order.status) && props.trackingNumber) return resultOf(props);
    if (order.status !== OrderStatus.PAYMENT_PROCESSED) throw new OrderStateError(`Order ${order.id} is ${order.status}; only paid orders ship`);
    const shipment = await this.carrier.createShipment({
      orderId: props.orderId,
      tenantId: props.tenantId,
      address: props.shippingAddress,
      items: props.items.map(({ sku, quantity }) => ({ sku, quantity })),
      idempotencyKey: sideEffectKey(order, 'shipment'),
    });
    const shipped = order.transition(OrderStatus.SHIPPED, {
      shipmentDate: shipment.createdAt,
      trackingNumber: shipment.trackingNumber,
      carrier: shipment.carrier,
      estimatedDeliveryDate: shipment.estimatedDeliveryDate,
    });
    await commitTransition(this.orders, this.events, order, shipped);
    return resultOf(shipped.props);
  }
}

const resultOf = (p: OrderProps): ArrangeShipmentResult => ({
  carrier: p.carrier!,
  trackingNumber: p.trackingNumber!,
  estimatedDeliveryDate: p.estimatedDeliveryDate!,
  shipmentDate: p.shipmentDate!,
});
