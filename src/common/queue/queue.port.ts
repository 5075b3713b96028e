/**
 * A durable message queue. Delivery is at least once: a received message stays
 * invisible for its visibility timeout and comes back if it is neither acked nor
 * retried in time (a crashed consumer), so consumers must be idempotent.
 */
export const QUEUE = Symbol('QUEUE');

export type MessageAttributes = Record<string, string>;

export interface SendOptions {
  /** Deliver no earlier than this many seconds from now. */
  delaySeconds?: number;
  attributes?: MessageAttributes;
  /**
   * While a message with the same id is waiting or in flight on the queue, sending
   * again is a no-op that returns the existing message id.
   */
  deduplicationId?: string;
}

export interface ReceiveOptions {
  maxMessages: number;
  /** Long poll: wait up to this long for a message before returning empty. */
  waitSeconds?: number;
}

export interface QueueMessage<T = unknown> {
  id: string;
  queue: string;
  body: T;
  attributes: MessageAttributes;
  /** 1 on the first delivery. */
  attempt: number;
  /** Opaque handle for ack/retry; stale after the visibility timeout expires. */
  receipt: string;
  sentAt: Date;
}

export type RetryOutcome = { outcome: 'retried'; delaySeconds: number } | { outcome: 'dead-lettered' };

export interface QueueDepth {
  visible: number;
  inFlight: number;
  delayed: number;
  deadLettered: number;
  /** Age of the oldest message not yet acked, in seconds; 0 when empty. */
  oldestAgeSeconds: number;
}

export interface Queue {
  send<T>(queue: string, body: T, options?: SendOptions): Promise<string>;
  receive<T = unknown>(queue: string, options: ReceiveOptions): Promise<QueueMessage<T>[]>;
  /** The message is done: it is never delivered again. */
  ack(message: QueueMessage): Promise<void>;
  /**
   * Processing failed: the message comes back after an exponential backoff with
   * jitter, or goes to the queue's dead-letter queue once it has used its attempts.
   */
  retry(message: QueueMessage, error: string): Promise<RetryOutcome>;
  depth(queue: string): Promise<QueueDepth>;
}
