import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NOTIFIER, Notifier } from '../../../../common/notifications/notifier.port';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { renderOrderShippedEmail } from '../../domain/order-shipped.email';
import { loadTaskOrder, SHIPPED_STATUSES, sideEffectKey } from '../order-task';
import { OrderStateError } from '../order-task.errors';
import { SendOrderNotificationCommand, SendOrderNotificationResult } from './send-order-notification.command';

/** The notifier dedupes on the task's idempotency key, so a re-run never emails twice. */
@CommandHandler(SendOrderNotificationCommand)
export class SendOrderNotificationHandler implements ICommandHandler<SendOrderNotificationCommand> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async execute({ input }: SendOrderNotificationCommand): Promise<SendOrderNotificationResult> {
    const order = await loadTaskOrder(this.orders, input);
    if (!SHIPPED_STATUSES.includes(order.status)) {
      throw new OrderStateError(`Order ${order.id} is ${order.status}; the customer is notified once it has shipped`);
    }
    const { notificationId } = await this.notifier.send({
      idempotencyKey: sideEffectKey(order, 'shipped-email'),
      to: order.props.customerEmail,
      ...renderOrderShippedEmail(order.props),
      attributes: { orderId: order.id, tenantId: order.props.tenantId },
    });
    return { notificationId };
  }
}
