import { SetMetadata } from '@nestjs/common';
import { QueueMessage } from './queue.port';

export const QUEUE_CONSUMER = 'mercantil:queue-consumer';

/**
 * Handles messages of one queue. Throwing sends the message back for a retry
 * (then to the dead-letter queue); returning acks it. Delivery is at least once,
 * so a handler must tolerate seeing the same message again.
 */
export interface QueueMessageHandler<T = unknown> {
  handle(message: QueueMessage<T>): Promise<void>;
}

/** Marks an injectable QueueMessageHandler as the consumer of `queue`. */
export const QueueConsumer = (queue: string) => SetMetadata(QUEUE_CONSUMER, queue);
