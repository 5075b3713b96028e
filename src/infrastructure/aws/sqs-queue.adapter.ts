import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  Message,
  MessageAttributeValue,
  MessageNotInflight,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { deadLetterQueueOf, QUEUE_DEFINITIONS, QueueDefinition } from '../../common/queue/queue-definition';
import {
  DEAD_LETTER_ATTEMPTS_ATTRIBUTE,
  DEAD_LETTER_ERROR_ATTRIBUTE,
  MessageAttributes,
  Queue,
  QueueDepth,
  QueueMessage,
  ReceiveOptions,
  RetryOutcome,
  SendOptions,
} from '../../common/queue/queue.port';
import { backoffSeconds, definitionOf, groupOf } from '../queue/queue-policy';

/** Standard queues cannot deduplicate: the id travels with the message for consumers that want it. */
export const DEDUPLICATION_ID_ATTRIBUTE = 'mercantil-deduplication-id';
/** Epoch ms before which a message hops again; carries delays beyond SQS's 900 s. */
export const NOT_BEFORE_ATTRIBUTE = 'mercantil-not-before';
const INTERNAL_ATTRIBUTES = new Set([DEDUPLICATION_ID_ATTRIBUTE, NOT_BEFORE_ATTRIBUTE]);

const MAX_DELAY_SECONDS = 900;
const MAX_WAIT_SECONDS = 20;
const MAX_BATCH = 10;
const MAX_ERROR_LENGTH = 1000;
const FIFO_SUFFIX = '.fifo';

/** What a send to a FIFO queue must carry. */
interface FifoSend {
  groupId: string;
  deduplicationId: string;
}

export interface SqsQueueOptions {
  /** Queue URL = prefix + queue name, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/mercantil- */
  queueUrlPrefix: string;
  definitions?: readonly QueueDefinition[];
  random?: () => number;
}

/**
 * The Queue port on SQS standard queues. Visibility, receive counts and long polling are
 * SQS's own; retries move the visibility timeout, and the last attempt is sent to the
 * `-dlq` queue by the adapter (the queue's redrive policy only backs it up, for consumers
 * that die without retrying). Queue depth has no oldest-message age: SQS exposes it only
 * as the CloudWatch metric ApproximateAgeOfOldestMessage, so it reads 0 here.
 *
 * An `ordered` queue is the FIFO queue `<name>.fifo` (its DLQ `<name>-dlq.fifo`): sends carry
 * MessageGroupId and MessageDeduplicationId (the send's deduplicationId, else a fresh id), and
 * never a delay, which FIFO queues refuse per message. SQS may return several members of one
 * group in a single receive; the port promises one at a time, so an ordered queue is read one
 * message per ReceiveMessage call (while one is in flight its group is blocked, so the next
 * call yields another group's head).
 */
export class SqsQueueAdapter implements Queue {
  private readonly definitions: readonly QueueDefinition[];
  private readonly random: () => number;

  constructor(
    private readonly sqs: SQSClient,
    private readonly options: SqsQueueOptions,
  ) {
    this.definitions = options.definitions ?? QUEUE_DEFINITIONS;
    this.random = options.random ?? Math.random;
  }

  async send<T>(queue: string, body: T, options: SendOptions = {}): Promise<string> {
    const groupId = groupOf(definitionOf(this.definitions, queue), options);
    const attributes: MessageAttributes = { ...options.attributes };
    if (groupId) {
      const fifo = { groupId, deduplicationId: options.deduplicationId ?? randomUUID() };
      return this.sendRaw(queue, JSON.stringify(body ?? null), attributes, 0, fifo);
    }
    if (options.deduplicationId) attributes[DEDUPLICATION_ID_ATTRIBUTE] = options.deduplicationId;
    const delay = Math.ceil(options.delaySeconds ?? 0);
    if (delay > MAX_DELAY_SECONDS) attributes[NOT_BEFORE_ATTRIBUTE] = String(Date.now() + delay * 1000);
    return this.sendRaw(queue, JSON.stringify(body ?? null), attributes, delay);
  }

  async receive<T = unknown>(queue: string, options: ReceiveOptions): Promise<QueueMessage<T>[]> {
    const definition = definitionOf(this.definitions, queue);
    const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
    const wanted = Math.min(MAX_BATCH, Math.max(1, options.maxMessages));
    const due: QueueMessage<T>[] = [];
    for (;;) {
      // Once something is due, further calls (an ordered queue's next group heads) do not wait.
      const remaining = due.length > 0 ? 0 : Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      let received: Message[];
      try {
        const out = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.urlOf(queue),
            MaxNumberOfMessages: definition.ordered ? 1 : wanted - due.length,
            WaitTimeSeconds: Math.min(MAX_WAIT_SECONDS, remaining),
            VisibilityTimeout: definition.visibilityTimeoutSeconds,
            MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: options.signal },
        );
        received = out.Messages ?? [];
      } catch (error) {
        if (options.signal?.aborted) return due;
        throw error;
      }
      for (const message of received) {
        if (await this.postponeIfEarly(queue, message)) continue;
        const parsed = toQueueMessage<T>(queue, message);
        if (parsed) due.push(parsed);
        else await this.deadLetterUnreadable(queue, message);
      }
      if (definition.ordered && received.length > 0 && due.length < wanted) continue;
      if (due.length > 0 || Date.now() >= deadline || options.signal?.aborted) return due;
    }
  }

  async ack(message: QueueMessage): Promise<void> {
    // SQS answers a stale receipt handle with success and keeps the message: the contract.
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.urlOf(message.queue), ReceiptHandle: message.receipt }));
  }

  async retry(message: QueueMessage, error: string): Promise<RetryOutcome> {
    const definition = definitionOf(this.definitions, message.queue);
    if (message.attempt >= definition.maxAttempts) {
      // Holding the message for a moment first proves the receipt is current, so a stale
      // consumer cannot copy into the DLQ a message someone else is processing.
      if (!(await this.changeVisibility(message, definition.visibilityTimeoutSeconds))) return { outcome: 'stale' };
      const attributes = {
        ...message.attributes,
        [DEAD_LETTER_ERROR_ATTRIBUTE]: error.slice(0, MAX_ERROR_LENGTH) || 'unknown error',
        [DEAD_LETTER_ATTEMPTS_ATTRIBUTE]: String(message.attempt),
      };
      await this.sendRaw(deadLetterQueueOf(message.queue), JSON.stringify(message.body ?? null), attributes, 0, deadLetterFifo(message.id));
      await this.ack(message);
      return { outcome: 'dead-lettered' };
    }
    // ChangeMessageVisibility takes whole seconds.
    const delaySeconds = Math.ceil(backoffSeconds(definition, message.attempt, this.random));
    return (await this.changeVisibility(message, delaySeconds)) ? { outcome: 'retried', delaySeconds } : { outcome: 'stale' };
  }

  async depth(queue: string): Promise<QueueDepth> {
    const [main, dlq] = await Promise.all([this.attributesOf(queue), this.attributesOf(deadLetterQueueOf(queue))]);
    return {
      visible: main.ApproximateNumberOfMessages,
      inFlight: main.ApproximateNumberOfMessagesNotVisible,
      delayed: main.ApproximateNumberOfMessagesDelayed,
      deadLettered: dlq.ApproximateNumberOfMessages + dlq.ApproximateNumberOfMessagesNotVisible + dlq.ApproximateNumberOfMessagesDelayed,
      oldestAgeSeconds: 0,
    };
  }

  /** `fifo` is used only when `queue` is ordered; its DLQ then takes it too. */
  private async sendRaw(queue: string, body: string, attributes: MessageAttributes, delaySeconds: number, fifo?: FifoSend): Promise<string> {
    const ordered = definitionOf(this.definitions, queue).ordered && fifo;
    const out = await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.urlOf(queue),
        MessageBody: body,
        ...(ordered
          ? { MessageGroupId: fifo.groupId, MessageDeduplicationId: fifo.deduplicationId }
          : { DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, delaySeconds)) }),
        MessageAttributes: toSqsAttributes(attributes),
      }),
    );
    return out.MessageId as string;
  }

  /** A message whose long delay has not run out yet is re-sent for its next hop. */
  private async postponeIfEarly(queue: string, message: Message): Promise<boolean> {
    const notBefore = Number(message.MessageAttributes?.[NOT_BEFORE_ATTRIBUTE]?.StringValue ?? 0);
    const remaining = Math.ceil((notBefore - Date.now()) / 1000);
    if (remaining <= 0) return false;
    await this.sendRaw(queue, message.Body ?? 'null', fromSqsAttributes(message.MessageAttributes, true), remaining);
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.urlOf(queue), ReceiptHandle: message.ReceiptHandle }));
    return true;
  }

  /** Another producer wrote a body that is not JSON: no consumer can read it, so no retry would help. */
  private async deadLetterUnreadable(queue: string, message: Message): Promise<void> {
    const attributes = { ...fromSqsAttributes(message.MessageAttributes), [DEAD_LETTER_ERROR_ATTRIBUTE]: 'body is not JSON' };
    await this.sendRaw(deadLetterQueueOf(queue), message.Body ?? '', attributes, 0, deadLetterFifo(message.MessageId ?? randomUUID()));
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.urlOf(queue), ReceiptHandle: message.ReceiptHandle }));
  }

  private async changeVisibility(message: QueueMessage, seconds: number): Promise<boolean> {
    try {
      await this.sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: this.urlOf(message.queue), ReceiptHandle: message.receipt, VisibilityTimeout: seconds }),
      );
      return true;
    } catch (error) {
      if (error instanceof ReceiptHandleIsInvalid || error instanceof MessageNotInflight) return false;
      throw error;
    }
  }

  private async attributesOf(queue: string): Promise<Record<CountAttribute, number>> {
    const out = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: this.urlOf(queue), AttributeNames: [...COUNT_ATTRIBUTES] }));
    return Object.fromEntries(COUNT_ATTRIBUTES.map((name) => [name, Number(out.Attributes?.[name] ?? 0)])) as Record<CountAttribute, number>;
  }

  private urlOf(queue: string): string {
    const fifo = definitionOf(this.definitions, queue).ordered ? FIFO_SUFFIX : '';
    return `${this.options.queueUrlPrefix}${queue}${fifo}`;
  }
}

/**
 * A dead letter is its own group: the DLQ keeps messages for inspection, and one message
 * must not hold back the others there. Its id deduplicates a repeated dead-lettering.
 */
const deadLetterFifo = (messageId: string): FifoSend => ({ groupId: messageId, deduplicationId: messageId });

const COUNT_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;
type CountAttribute = (typeof COUNT_ATTRIBUTES)[number];

function toSqsAttributes(attributes: MessageAttributes): Record<string, MessageAttributeValue> | undefined {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
}

/** String attributes; the adapter's own ones are kept only when the message is re-sent. */
export function fromSqsAttributes(
  attributes: Record<string, { StringValue?: string; stringValue?: string }> | undefined,
  keepInternal = false,
): MessageAttributes {
  const result: MessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    const text = value.StringValue ?? value.stringValue;
    if (text !== undefined && (keepInternal || !INTERNAL_ATTRIBUTES.has(name))) result[name] = text;
  }
  return result;
}

function toQueueMessage<T>(queue: string, message: Message): QueueMessage<T> | undefined {
  let body: T;
  try {
    body = JSON.parse(message.Body ?? 'null') as T;
  } catch {
    return undefined;
  }
  return {
    id: message.MessageId as string,
    queue,
    body,
    attributes: fromSqsAttributes(message.MessageAttributes),
    attempt: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
    receipt: message.ReceiptHandle as string,
    sentAt: new Date(Number(message.Attributes?.SentTimestamp ?? Date.now())),
  };
}
