import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { AppModule } from '../app.module';
import type { ChangeEvent } from '../common/change-feed/change-event';
import { ChangeSubscriberRegistry } from '../infrastructure/change-feed/change-subscriber.registry';
// Entrypoint-only: the orders index stays free of the stream mapper and its DynamoDB utilities.
import { orderChangeOfStreamRecord } from '../modules/orders/adapters/dynamodb-order-stream.mapper';
import { lambdaContext } from './lambda-context';
import type { ContextFactory } from './worker';

const createContext: ContextFactory = () => NestFactory.createApplicationContext(AppModule.forRoot(), { bufferLogs: true });

interface RecordChange {
  record: DynamoDBRecord;
  change: ChangeEvent;
}

/**
 * Builds the Lambda on the orders table's DynamoDB stream (NEW_AND_OLD_IMAGES), over an app
 * context created on the first invocation and reused while the container lives. The batch's
 * order changes go to every @SubscribeToChanges subscriber at once, as the queue would hand
 * them a batch. If that fails, the changes go again one by one, in order, to find the first
 * failing record: its sequence number is the batch item failure, so Lambda (with
 * ReportBatchItemFailures) retries from there and nothing after it overtakes it. Subscribers
 * are idempotent by version, so the changes delivered twice on the way change nothing.
 * Products live in Postgres and reach subscribers through the outbox relay, not this stream.
 */
export function createDynamoDbStreamHandler(create: ContextFactory = createContext) {
  const context = lambdaContext(create);
  const logger = new Logger('DynamoDbStreamHandler');

  /** The record whose change no subscriber retry got through, or undefined when all went. */
  const deliver = async (registry: ChangeSubscriberRegistry, changes: RecordChange[]): Promise<DynamoDBRecord | undefined> => {
    try {
      await registry.deliver(changes.map((c) => c.change));
      return undefined;
    } catch (error) {
      logger.warn({ err: error, changes: changes.length }, 'Change batch failed; delivering one by one to find the failing record');
    }
    for (const { record, change } of changes) {
      try {
        await registry.deliver([change]);
      } catch (error) {
        logger.warn({ err: error, changeId: change.changeId, sequenceNumber: record.dynamodb?.SequenceNumber }, 'Change failed');
        return record;
      }
    }
    return undefined;
  };

  const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const app = await context.app();
    const changes: RecordChange[] = [];
    let unreadable: DynamoDBRecord | undefined;
    for (const record of event.Records) {
      try {
        const change = orderChangeOfStreamRecord(record);
        if (change) changes.push({ record, change });
      } catch (error) {
        logger.error({ err: error, eventId: record.eventID }, 'Stream record is not a readable order change');
        unreadable = record;
        break;
      }
    }
    const failed = (await deliver(app.get(ChangeSubscriberRegistry), changes)) ?? unreadable;
    return { batchItemFailures: failed ? [{ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }] : [] };
  };


  return { handler, close: context.close };
}

const { handler, close } = createDynamoDbStreamHandler();
export { handler, close as closeDynamoDbStreamHandler };
