import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  ChangeMessageVisibilityCommandInput,
  DeleteMessageCommand,
  DeleteMessageCommandInput,
  GetQueueAttributesCommand,
  GetQueueAttributesCommandInput,
  InvalidAttributeValue,
  Message,
  MessageAttributeValue,
  MessageNotInflight,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  ReceiveMessageCommandInput,
  SendMessageCommand,
  SendMessageCommandInput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';

interface StoredMessage {
  id: string;
  body: string;
  attributes: Record<string, MessageAttributeValue>;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  /** The handle of the latest receive; older handles are stale. */
  receipt?: string;
  /** FIFO queues only. */
  groupId?: string;
}

const DEFAULT_VISIBILITY_SECONDS = 30;
/** How long a FIFO queue remembers a deduplication id. */
const FIFO_DEDUP_WINDOW_MS = 5 * 60_000;
const POLL_MS = 10;
const metadata = { $metadata: {} };

/**
 * An in-memory model of the SQS standard-queue semantics the adapter relies on, answering
 * the SDK's commands through aws-sdk-client-mock: per-receive visibility timeouts, receive
 * counts, DelaySeconds, long polling, receipt handles (delete with a stale handle succeeds
 * and keeps the message, as SQS documents; ChangeMessageVisibility rejects it), and the
 * approximate counts of GetQueueAttributes. Parameter limits are enforced like SQS does.
 * A queue whose URL ends in `.fifo` is a FIFO queue: every send needs a MessageGroupId and a
 * MessageDeduplicationId (the model has no content-based deduplication), a per-message
 * DelaySeconds is refused, a deduplication id repeated within 5 minutes is accepted but not
 * enqueued again, and no message is handed out while an earlier one of its group is in
 * flight. As on SQS, one receive may still return several consecutive members of a group.
 */
export class SqsModel {
  private readonly queues = new Map<string, StoredMessage[]>();
  private readonly issuedReceipts = new Set<string>();
  /** FIFO deduplication: `${url} ${dedupId}` → message id and when the id expires. */
  private readonly fifoDeduplication = new Map<string, { id: string; expiresAt: number }>();

  constructor(queueUrls: string[]) {
    for (const url of queueUrls) this.queues.set(url, []);
  }

  /** Wires the model into `client`; the returned stub records every command for assertions. */
  attach(client: SQSClient): AwsClientStub<SQSClient> {
    const stub = mockClient(client);
    stub.on(SendMessageCommand).callsFake((input: SendMessageCommandInput) => this.sendMessage(input));
    stub.on(ReceiveMessageCommand).callsFake((input: ReceiveMessageCommandInput) => this.receiveMessage(input));
    stub.on(DeleteMessageCommand).callsFake((input: DeleteMessageCommandInput) => this.deleteMessage(input));
    stub.on(ChangeMessageVisibilityCommand).callsFake((input: ChangeMessageVisibilityCommandInput) => this.changeVisibility(input));
    stub.on(GetQueueAttributesCommand).callsFake((input: GetQueueAttributesCommandInput) => this.getAttributes(input));
    return stub;
  }

  sendMessage(input: SendMessageCommandInput) {
    const messages = this.queue(input.QueueUrl);
    const fifo = isFifo(input.QueueUrl);
    if (fifo) {
      if (!input.MessageGroupId) invalid('The request must contain the parameter MessageGroupId.');
      if (!input.MessageDeduplicationId) invalid('The queue has no content-based deduplication: MessageDeduplicationId is required.');
      if (input.DelaySeconds !== undefined) invalid('FIFO queues do not support per-message DelaySeconds.');
    }
    const delay = input.DelaySeconds ?? 0;
    if (!Number.isInteger(delay) || delay < 0 || delay > 900) invalid(`DelaySeconds ${delay} is not an integer in 0..900`);
    const attributes = input.MessageAttributes ?? {};
    if (Object.keys(attributes).length > 10) invalid('more than 10 message attributes');
    for (const [name, value] of Object.entries(attributes)) {
      if (!value.StringValue) invalid(`message attribute ${name} has an empty value`);
    }
    const now = Date.now();
    const dedupKey = `${input.QueueUrl} ${input.MessageDeduplicationId}`;
    const earlier = fifo ? this.fifoDeduplication.get(dedupKey) : undefined;
    if (earlier && earlier.expiresAt > now) return { ...metadata, MessageId: earlier.id };
    const id = randomUUID();
    if (fifo) this.fifoDeduplication.set(dedupKey, { id, expiresAt: now + FIFO_DEDUP_WINDOW_MS });
    messages.push({
      id, body: input.MessageBody ?? '', attributes, sentAt: now, visibleAt: now + delay * 1000, receiveCount: 0, groupId: input.MessageGroupId,
    });
    return { ...metadata, MessageId: id };
  }

  async receiveMessage(input: ReceiveMessageCommandInput) {
    const messages = this.queue(input.QueueUrl);
    const max = input.MaxNumberOfMessages ?? 1;
    const wait = input.WaitTimeSeconds ?? 0;
    if (!Number.isInteger(max) || max < 1 || max > 10) invalid(`MaxNumberOfMessages ${max} is not in 1..10`);
    if (!Number.isInteger(wait) || wait < 0 || wait > 20) invalid(`WaitTimeSeconds ${wait} is not in 0..20`);
    const visibility = input.VisibilityTimeout ?? DEFAULT_VISIBILITY_SECONDS;
    const deadline = Date.now() + wait * 1000;
    for (;;) {
      const now = Date.now();
      const taken = this.takeable(messages, now, isFifo(input.QueueUrl)).slice(0, max);
      if (taken.length > 0 || now >= deadline) {
        return { ...metadata, Messages: taken.length ? taken.map((m) => this.deliver(m, visibility, input)) : undefined };
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  deleteMessage(input: DeleteMessageCommandInput) {
    const messages = this.queue(input.QueueUrl);
    if (!input.ReceiptHandle || !this.issuedReceipts.has(input.ReceiptHandle)) {
      throw new ReceiptHandleIsInvalid({ ...metadata, message: 'The input receipt handle is invalid.' });
    }
    const index = messages.findIndex((m) => m.receipt === input.ReceiptHandle);
    if (index >= 0) messages.splice(index, 1);
    return metadata;
  }

  changeVisibility(input: ChangeMessageVisibilityCommandInput) {
    const message = this.queue(input.QueueUrl).find((m) => m.receipt === input.ReceiptHandle);
    const seconds = input.VisibilityTimeout ?? 0;
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) invalid(`VisibilityTimeout ${seconds} is not in 0..43200`);
    if (!message) throw new ReceiptHandleIsInvalid({ ...metadata, message: 'The input receipt handle is invalid.' });
    if (message.visibleAt <= Date.now()) throw new MessageNotInflight({ ...metadata, message: 'The message is not in flight.' });
    message.visibleAt = Date.now() + seconds * 1000;
    return metadata;
  }

  getAttributes(input: GetQueueAttributesCommandInput) {
    const messages = this.queue(input.QueueUrl);
    const now = Date.now();
    const hidden = messages.filter((m) => m.visibleAt > now);
    return {
      ...metadata,
      Attributes: {
        ApproximateNumberOfMessages: String(messages.length - hidden.length),
        ApproximateNumberOfMessagesNotVisible: String(hidden.filter((m) => m.receiveCount > 0).length),
        ApproximateNumberOfMessagesDelayed: String(hidden.filter((m) => m.receiveCount === 0).length),
      },
    };
  }

  /** Makes every message on `url` visible now, as if its delay or visibility timeout ran out. */
  fastForward(url: string): void {
    for (const m of this.queue(url)) m.visibleAt = 0;
  }

  /** Every message body currently stored on `url`, for assertions. */
  bodies(url: string): string[] {
    return this.queue(url).map((m) => m.body);
  }

  /** Visible messages in queue order; on a FIFO queue, none after a hidden member of its group. */
  private takeable(messages: StoredMessage[], now: number, fifo: boolean): StoredMessage[] {
    const blocked = new Set<string | undefined>();
    const taken: StoredMessage[] = [];
    for (const m of messages) {
      if (fifo && blocked.has(m.groupId)) continue;
      if (m.visibleAt <= now) taken.push(m);
      else if (fifo) blocked.add(m.groupId);
    }
    return taken;
  }

  private deliver(m: StoredMessage, visibilitySeconds: number, input: ReceiveMessageCommandInput): Message {
    m.receiveCount++;
    m.receipt = `${m.id}#${randomUUID()}`;
    this.issuedReceipts.add(m.receipt);
    m.visibleAt = Date.now() + visibilitySeconds * 1000;
    const names = input.MessageSystemAttributeNames ?? [];
    const system: Record<string, string> = {};
    if (names.includes('ApproximateReceiveCount') || names.includes('All')) system.ApproximateReceiveCount = String(m.receiveCount);
    if (names.includes('SentTimestamp') || names.includes('All')) system.SentTimestamp = String(m.sentAt);
    const wantsAttributes = input.MessageAttributeNames?.some((n) => n === 'All' || n === '.*');
    return {
      MessageId: m.id,
      ReceiptHandle: m.receipt,
      Body: m.body,
      Attributes: system,
      MessageAttributes: wantsAttributes && Object.keys(m.attributes).length ? m.attributes : undefined,
    };
  }

  private queue(url: string | undefined): StoredMessage[] {
    const messages = url ? this.queues.get(url) : undefined;
    if (!messages) throw new QueueDoesNotExist({ ...metadata, message: `The specified queue does not exist: ${url}` });
    return messages;
  }
}

const isFifo = (url: string | undefined) => url?.endsWith('.fifo') ?? false;

function invalid(message: string): never {
  throw new InvalidAttributeValue({ ...metadata, message });
}
