import { deadLetterQueueOf, QueueDefinition } from '../../common/queue/queue-definition';
import { SendOptions } from '../../common/queue/queue.port';

/**
 * Extra queue definitions beside QUEUE_DEFINITIONS. Nothing in the app provides it;
 * a test or plugin module that owns its own queue provides it globally.
 */
export const EXTRA_QUEUE_DEFINITIONS = Symbol('EXTRA_QUEUE_DEFINITIONS');

export class UnknownQueueError extends Error {
  constructor(queue: string) {
    super(`Unknown queue "${queue}": declare it in QUEUE_DEFINITIONS so both adapters (and the CDK stack) know its policy`);
  }
}

const DLQ_SUFFIX = deadLetterQueueOf('');

/**
 * The policy of `queue`. A dead-letter queue inherits its source queue's visibility and
 * never dead-letters again: whoever drains it decides what happens next.
 */
export function definitionOf(definitions: readonly QueueDefinition[], queue: string): QueueDefinition {
  const own = definitions.find((d) => d.name === queue);
  if (own) return own;
  if (queue.endsWith(DLQ_SUFFIX)) {
    const source = definitions.find((d) => deadLetterQueueOf(d.name) === queue);
    if (source) return { ...source, name: queue, maxAttempts: Number.MAX_SAFE_INTEGER };
  }
  throw new UnknownQueueError(queue);
}

/**
 * Exponential backoff with full jitter (uniform in [0, min(max, initial * 2^(attempt-1))]),
 * so consumers that failed together do not come back together.
 */
export function backoffSeconds(definition: QueueDefinition, attempt: number, random: () => number = Math.random): number {
  const { initialSeconds, maxSeconds } = definition.backoff;
  const cap = Math.min(maxSeconds, initialSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * cap * 1000) / 1000;
}

export class OrderedQueueSendError extends Error {}

/**
 * The group a send joins: its groupId on an ordered queue, none elsewhere. An ordered
 * queue refuses sends without a group, and delayed sends, which SQS FIFO queues cannot
 * take per message (a delay there is a property of the whole queue).
 */
export function groupOf(definition: QueueDefinition, options: SendOptions): string | undefined {
  if (!definition.ordered) return undefined;
  if (!options.groupId) throw new OrderedQueueSendError(`Queue "${definition.name}" is ordered: every send needs a groupId`);
  if (options.delaySeconds) {
    throw new OrderedQueueSendError(`Queue "${definition.name}" is ordered: its messages cannot be delayed (SQS FIFO refuses per-message delays)`);
  }
  return options.groupId;
}
