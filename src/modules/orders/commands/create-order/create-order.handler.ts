import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { requestHash } from '../../../../common/idempotency/request-hash';
import { ORDER_PROCESSING_QUEUE } from '../../../../common/queue/queue-definition';
import { Queue, QUEUE } from '../../../../common/queue/queue.port';
import { OrderProcessingMessage } from '../../workflows/order-processing.message';
import { Order } from '../../domain/order';
import { ORDER_REPOSITORY, OrderRepository } from '../../domain/order-repository.port';
import { toItems, toShippingAddress } from '../../dto/to-domain';
import { OrderCreatedEvent } from '../../events/order-created.event';
import { CreateOrderCommand, CreateOrderOutcome } from './create-order.command';

const DEFAULT_CURRENCY = 'USD';

@CommandHandler(CreateOrderCommand)
export class CreateOrderHandler implements ICommandHandler<CreateOrderCommand> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(QUEUE) private readonly queue: Queue,
    private readonly events: EventBus,
  ) {}

  async execute({ tenantId, input, idempotencyKey }: CreateOrderCommand): Promise<CreateOrderOutcome> {
    const order = Order.create({
      orderId: randomUUID(),
      tenantId,
      customerId: input.customerId,
      customerName: input.customerName,
      customerEmail: input.customerEmail,
      currency: input.currency ?? DEFAULT_CURRENCY,
      paymentMethod: input.paymentMethod,
      items: toItems(input.items),
      shippingAddress: toShippingAddress(input.shippingAddress),
    });
    const claim = idempotencyKey ? { key: idempotencyKey, requestHash: requestHash(input) } : undefined;
    const { order: stored, replayed } = await this.orders.create(order, claim);
    // Also on a replay: the client may be retrying because this send failed the first time.
    const message: OrderProcessingMessage = { tenantId, orderId: stored.id };
    await this.queue.send(ORDER_PROCESSING_QUEUE, message, { deduplicationId: stored.id, attributes: { tenantId, orderId: stored.id } });
    if (!replayed) this.events.publish(new OrderCreatedEvent(stored.props));
    return { order: stored.props, replayed };
  }
}
