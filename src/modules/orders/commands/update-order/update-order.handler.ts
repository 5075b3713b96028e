import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '../../../../common/errors/application-errors';
import type { OrderProps } from '../../domain/order';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { toItems, toShippingAddress } from '../../dto/to-domain';
import { OrderUpdatedEvent } from '../../events/order-updated.event';
import { assertExpectedVersion } from '../expected-version';
import { loadOrder } from '../../domain/load-order';
import { UpdateOrderCommand } from './update-order.command';

@CommandHandler(UpdateOrderCommand)
export class UpdateOrderHandler implements ICommandHandler<UpdateOrderCommand> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    private readonly events: EventBus,
  ) {}

  async execute({ tenantId, orderId, changes, expected }: UpdateOrderCommand): Promise<OrderProps> {
    if (!changes.items && !changes.shippingAddress) {
      throw new InvalidInputError('Nothing to update: send items and/or shippingAddress');
    }
    const current = await loadOrder(this.orders, tenantId, orderId);
    assertExpectedVersion(current, expected);
    const revised = current.revise({
      items: changes.items && toItems(changes.items),
      shippingAddress: changes.shippingAddress && toShippingAddress(changes.shippingAddress),
    });
    await this.orders.update(revised);
    this.events.publish(new OrderUpdatedEvent(revised.props, current.props));
    return revised.props;
  }
}
