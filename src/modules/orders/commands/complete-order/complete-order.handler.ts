import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { OrderStatus } from '../../domain/order-status';
import { commitTransition, loadTaskOrder } from '../order-task';
import { OrderStateError } from '../order-task.errors';
import { CompleteOrderCommand, OrderStatusResult } from './complete-order.command';

@CommandHandler(CompleteOrderCommand)
export class CompleteOrderHandler implements ICommandHandler<CompleteOrderCommand> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    private readonly events: EventBus,
  ) {}

  async execute({ input }: CompleteOrderCommand): Promise<OrderStatusResult> {
    const order = await loadTaskOrder(this.orders, input);
    if (order.status === OrderStatus.COMPLETED) return { status: order.status };
    if (order.status !== OrderStatus.SHIPPED && order.status !== OrderStatus.DELIVERED) {
      throw new OrderStateError(`Order ${order.id} is ${order.status}; only shipped orders complete`);
    }
    const completed = order.transition(OrderStatus.COMPLETED);
    await commitTransition(this.orders, this.events, order, completed);
    return { status: completed.status };
  }
}
