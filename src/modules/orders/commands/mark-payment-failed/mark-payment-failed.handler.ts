import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import type { JsonValue } from '../../../workflow';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { OrderStatus } from '../../domain/order-status';
import type { OrderStatusResult } from '../complete-order/complete-order.command';
import { commitTransition, loadTaskOrder, taskInput } from '../order-task';
import { OrderStateError, OrderTaskInputError } from '../order-task.errors';
import { MarkPaymentFailedCommand } from './mark-payment-failed.command';

const MAX_REASON_LENGTH = 1000;

@CommandHandler(MarkPaymentFailedCommand)
export class MarkPaymentFailedHandler implements ICommandHandler<MarkPaymentFailedCommand> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    private readonly events: EventBus,
  ) {}

  async execute({ input }: MarkPaymentFailedCommand): Promise<OrderStatusResult> {
    const failureReason = reasonOf(input);
    const order = await loadTaskOrder(this.orders, input);
    if (order.status === OrderStatus.PAYMENT_FAILED) return { status: order.status };
    if (order.status !== OrderStatus.PENDING) {
      throw new OrderStateError(`Order ${order.id} is ${order.status}; only a pending order's payment can fail`);
    }
    const failed = order.transition(OrderStatus.PAYMENT_FAILED, { failureReason });
    await commitTransition(this.orders, this.events, order, failed);
    return { status: failed.status };
  }
}

/** "Payment.Declined: The payment was declined (decline code: insufficient_funds)". */
function reasonOf(input: JsonValue): string {
  const { error } = taskInput(input);
  const caught = error !== null && typeof error === 'object' && !Array.isArray(error) ? error : {};
  if (typeof caught.Error !== 'string' || !caught.Error) {
    throw new OrderTaskInputError('MarkPaymentFailed needs the caught error as input.error: { Error, Cause }');
  }
  const reason = typeof caught.Cause === 'string' && caught.Cause ? `${caught.Error}: ${caught.Cause}` : caught.Error;
  return reason.slice(0, MAX_REASON_LENGTH);
}
