import { Logger } from '@nestjs/common';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ChangeEvent } from '../../common/change-feed/change-event';
// Infrastructure wiring only: the orders index stays free of the stream mapper and its DynamoDB utilities.
import { orderChangeOfStreamRecord } from '../../modules/orders/adapters/dynamodb-order-stream.mapper';
import { ChangeSubscriberRegistry } from './change-subscriber.registry';

interface RecordChange {
  record: DynamoDBRecord;
  change: ChangeEvent;
}

const logger = new Logger('OrderStreamDelivery');

/**
 * Hands a batch of orders-table stream records (NEW_AND_OLD_IMAGES, in stream order) to every
 * @SubscribeToChanges subscriber at once, as the queue would hand them a batch. If that fails,
 * the changes go again one by one, in order, to find the first failing record. Resolves that
 * record (or the first unreadable one), from which the caller retries, so nothing after it
 * overtakes it; undefined when every record went. Subscribers are idempotent by version, so
 * the changes delivered twice on the way change nothing.
 */
export async function deliverOrderStreamRecords(registry: ChangeSubscriberRegistry, records: readonly DynamoDBRecord[]): Promise<DynamoDBRecord | undefined> {
  const changes: RecordChange[] = [];
  let unreadable: DynamoDBRecord | undefined;
  for (const record of records) {
    try {
      const change = orderChangeOfStreamRecord(record);
      if (change) changes.push({ record, change });
    } catch (error) {
      logger.error({ err: error, eventId: record.eventID }, 'Stream record is not a readable order change');
      unreadable = record;
      break;
    }
  }
  return (await deliverChanges(registry, changes)) ?? unreadable;
}

async function deliverChanges(registry: ChangeSubscriberRegistry, changes: RecordChange[]): Promise<DynamoDBRecord | undefined> {
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
}
