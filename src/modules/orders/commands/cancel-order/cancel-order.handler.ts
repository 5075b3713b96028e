import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import type { OrderProps } from '../../domain/order';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { OrderCancelledEvent } from '../../events/order-cancelled.event';
import { assertExpectedVersion } from '../expected-version';
import { loadOrder } from '../../domain/load-order';
import { CancelOrderCommand } from './cancel-order.command';

/** Cancelling is a state transition, never a delete: the order stays queryable. */
@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    private readonly events: EventBus,
  ) {}

  async execute({ tenantId, orderId, expected }: CancelOrderCommand): Promise<OrderProps> {
    const current = await loadOrder(this.orders, tenantId, orderId);
    assertExpectedVersion(current, expected);
    const cancelled = current.cancel();
    await this.orders.update(cancelled);
    this.events.publish(new OrderCancelledEvent(cancelled.props));
    return cancelled.props;
  }
}
