import { currentTraceId, TRACE_ID_ATTRIBUTE } from '../../common/tracing/trace-context';
import type { Queue, QueueMessage, ReceiveOptions, SendOptions } from '../../common/queue/queue.port';

/**
 * The Queue every module gets: the adapter's, with the sender's trace id added to each
 * message as an attribute (kept when the sender set one), so the consumer can carry it on.
 */
export class TracingQueue implements Queue {
  constructor(private readonly adapter: Queue) {}

  send<T>(queue: string, body: T, options: SendOptions = {}): Promise<string> {
    const traceId = currentTraceId();
    if (!traceId || options.attributes?.[TRACE_ID_ATTRIBUTE]) return this.adapter.send(queue, body, options);
    return this.adapter.send(queue, body, { ...options, attributes: { ...options.attributes, [TRACE_ID_ATTRIBUTE]: traceId } });
  }

  receive<T = unknown>(queue: string, options: ReceiveOptions): Promise<QueueMessage<T>[]> {
    return this.adapter.receive<T>(queue, options);
  }

  ack(message: QueueMessage): Promise<void> {
    return this.adapter.ack(message);
  }

  retry(message: QueueMessage, error: string) {
    return this.adapter.retry(message, error);
  }

  depth(queue: string) {
    return this.adapter.depth(queue);
  }
}
