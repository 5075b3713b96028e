import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { AppModule } from '../app.module';
import { Queue, QUEUE, QueueMessage } from '../common/queue/queue.port';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DEDUPLICATION_ID_ATTRIBUTE, fromSqsAttributes, NOT_BEFORE_ATTRIBUTE } from '../infrastructure/aws/sqs-queue.adapter';
import { QueueConsumerRegistry } from '../infrastructure/queue/queue-consumer.registry';
import { lambdaContext, runInvocation } from './lambda-context';
import type { ContextFactory } from './worker';

const createContext: ContextFactory = () => NestFactory.createApplicationContext(AppModule.forRoot(), { bufferLogs: true });

/**
 * Builds the Lambda SQS trigger over an app context that is created on the first
 * invocation and reused while the container lives. Each record goes to the same
 * consumer registry the worker uses; failed records are reported as batch item failures
 * (the function's event source mapping needs ReportBatchItemFailures), so SQS retries
 * only those and its redrive policy dead-letters them after maxReceiveCount.
 * A FIFO queue's batch (an ordered queue) runs one record at a time in order, and from its
 * first failure on every record is reported failed, so no later member of a group overtakes it.
 */
export function createSqsHandler(create: ContextFactory = createContext) {
  const context = lambdaContext(create);
  const logger = new Logger('SqsHandler');

  const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const app = await context.app();
    return runInvocation(app, () => processBatch(app, event));
  };

  const processBatch = async (app: INestApplicationContext, event: SQSEvent): Promise<SQSBatchResponse> => {
    const registry = app.get(QueueConsumerRegistry);
    const namePrefix = queueNamePrefix(app.get<AppConfig>(APP_CONFIG).aws.sqsQueueUrlPrefix);
    const handle = async (record: SQSRecord): Promise<SQSBatchItemFailure | undefined> => {
      const queue = queueNameOf(record.eventSourceARN, namePrefix);
      const fields = { queue, messageId: record.messageId, attempt: Number(record.attributes.ApproximateReceiveCount) };
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        // No retry can make it readable: fail it so the redrive policy dead-letters it intact.
        logger.error({ ...fields, body: record.body.slice(0, 500) }, 'SQS message body is not JSON');
        return { itemIdentifier: record.messageId };
      }
      try {
        if (await postponeIfEarly(app.get<Queue>(QUEUE), queue, record, body)) return undefined;
        await registry.dispatch(queue, toQueueMessage(queue, record, body));
        return undefined;
      } catch (error) {
        logger.warn({ ...fields, err: error }, 'Queue message failed');
        return { itemIdentifier: record.messageId };
      }
    };
    if (event.Records.some((record) => record.eventSourceARN.endsWith(FIFO_SUFFIX))) {
      const failures: SQSBatchItemFailure[] = [];
      for (const record of event.Records) {
        const failure = failures.length > 0 ? { itemIdentifier: record.messageId } : await handle(record);
        if (failure) failures.push(failure);
      }
      return { batchItemFailures: failures };
    }
    const results = await Promise.all(event.Records.map(handle));
    return { batchItemFailures: results.filter((r): r is SQSBatchItemFailure => r !== undefined) };
  };


  return { handler, close: context.close };
}

/** The part of SQS_QUEUE_URL_PREFIX after the account id: `…/123456789012/mercantil-` gives `mercantil-`. */
function queueNamePrefix(urlPrefix: string | undefined): string {
  return urlPrefix ? urlPrefix.slice(urlPrefix.lastIndexOf('/') + 1) : '';
}

const FIFO_SUFFIX = '.fifo';

/** `arn:aws:sqs:eu-west-1:123456789012:mercantil-order-processing` gives `order-processing` (and `…changes-search.fifo` `changes-search`). */
function queueNameOf(arn: string, namePrefix: string): string {
  const full = arn.slice(arn.lastIndexOf(':') + 1);
  const name = full.endsWith(FIFO_SUFFIX) ? full.slice(0, -FIFO_SUFFIX.length) : full;
  return name.startsWith(namePrefix) ? name.slice(namePrefix.length) : name;
}

function toQueueMessage(queue: string, record: SQSRecord, body: unknown): QueueMessage {
  return {
    id: record.messageId,
    queue,
    body,
    attributes: fromSqsAttributes(record.messageAttributes),
    attempt: Number(record.attributes.ApproximateReceiveCount),
    receipt: record.receiptHandle,
    sentAt: new Date(Number(record.attributes.SentTimestamp)),
  };
}

/** A delay beyond SQS's 900 s arrives early by design: send it on for its next hop. */
async function postponeIfEarly(queue: Queue, name: string, record: SQSRecord, body: unknown): Promise<boolean> {
  const remaining = Math.ceil((Number(record.messageAttributes[NOT_BEFORE_ATTRIBUTE]?.stringValue ?? 0) - Date.now()) / 1000);
  if (remaining <= 0) return false;
  const deduplicationId = record.messageAttributes[DEDUPLICATION_ID_ATTRIBUTE]?.stringValue;
  await queue.send(name, body, { delaySeconds: remaining, attributes: fromSqsAttributes(record.messageAttributes), deduplicationId });
  return true;
}

const { handler, close } = createSqsHandler();
export { handler, close as closeSqsHandler };
