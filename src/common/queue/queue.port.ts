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
  /** At most 7 on SQS, whose limit of 10 per message includes the adapter's own attributes. */
  attributes?: MessageAttributes;
  /**
   * While a message with the same id is waiting or in flight on the queue, sending
   * again is a no-op that returns the existing message id. Best effort: SQS standard
   * queues cannot deduplicate, so there the id only travels as an attribute.
   */
  deduplicationId?: string;
  /**
   * Required on an `ordered` queue, ignored elsewhere: messages with the same group id are
   * delivered one at a time in send order (SQS FIFO MessageGroupId). While one is in flight
   * or waiting for a retry, later members of its group wait.
   */
  groupId?: string;
}

export interface ReceiveOptions {
  maxMessages: number;
  /** Long poll: wait up to this long for a message before returning empty. */
  waitSeconds?: number;
  /** Ends a long poll early (worker shutdown); the receive then returns what it has. */
  signal?: AbortSignal;
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

/**
 * `stale`: the receipt no longer holds the message (its visibility timeout expired and
 * it was delivered again), so the retry changed nothing.
 */
export type RetryOutcome = { outcome: 'retried'; delaySeconds: number } | { outcome: 'dead-lettered' } | { outcome: 'stale' };

/** Attributes a dead-lettered message gains, beside its own. */
export const DEAD_LETTER_ERROR_ATTRIBUTE = 'mercantil-dead-letter-error';
export const DEAD_LETTER_ATTEMPTS_ATTRIBUTE = 'mercantil-dead-letter-attempts';

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
  /** The message is done: it is never delivered again. A stale receipt changes nothing. */
  ack(message: QueueMessage): Promise<void>;
  /**
   * Processing failed: the message comes back after an exponential backoff with
   * jitter, or goes to the queue's dead-letter queue once it has used its attempts.
   */
  retry(message: QueueMessage, error: string): Promise<RetryOutcome>;
  depth(queue: string): Promise<QueueDepth>;
}
