import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { QueueConsumer, QueueMessageHandler } from '../../../common/queue/queue-consumer';
import { ORDER_PROCESSING_QUEUE } from '../../../common/queue/queue-definition';
import { QueueMessage } from '../../../common/queue/queue.port';
import { StartExecutionCommand } from '../../workflow';
import { ORDER_FULFILMENT_WORKFLOW, OrderProcessingMessage } from './order-processing.message';

/**
 * Starts an order's fulfilment workflow. The execution is named after the order, so a
 * redelivered message finds the execution it already started instead of a second one.
 */
@Injectable()
@QueueConsumer(ORDER_PROCESSING_QUEUE)
export class OrderProcessingConsumer implements QueueMessageHandler<OrderProcessingMessage> {
  constructor(private readonly commands: CommandBus) {}

  async handle(message: QueueMessage<OrderProcessingMessage>): Promise<void> {
    const { tenantId, orderId } = message.body ?? ({} as Partial<OrderProcessingMessage>);
    if (typeof tenantId !== 'string' || typeof orderId !== 'string') {
      throw new Error(`Message ${message.id} on ${ORDER_PROCESSING_QUEUE} lacks tenantId or orderId`);
    }
    await this.commands.execute(new StartExecutionCommand(tenantId, ORDER_FULFILMENT_WORKFLOW, { tenantId, orderId }, orderId));
  }
}
