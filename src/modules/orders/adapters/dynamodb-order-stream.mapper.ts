import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ChangeEvent, changeIdOf } from '../../../common/change-feed/change-event';
import { isOrderItem, toOrder } from './dynamodb-order.mapper';

/**
 * The change an orders-table stream record (NEW_AND_OLD_IMAGES) carries, shaped like the
 * outbox's: INSERT and MODIFY are upserts of the new image; REMOVE is a delete carrying the
 * old image, one version past it. Null for items that are not orders (idempotency markers).
 */
export function orderChangeOfStreamRecord(record: DynamoDBRecord): ChangeEvent | null {
  const stream = record.dynamodb;
  const removed = record.eventName === 'REMOVE';
  const image = removed ? stream?.OldImage : stream?.NewImage;
  if (!image) throw new Error(`Stream record ${stream?.SequenceNumber} has no ${removed ? 'old' : 'new'} image: the stream must be NEW_AND_OLD_IMAGES`);
  // Lambda's and the SDK's attribute values have the same JSON shape.
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (!isOrderItem(item)) return null;
  const props = { ...toOrder(item).props };
  const fields = { tenantId: props.tenantId, entity: 'order' as const, key: props.orderId, version: removed ? props.version + 1 : props.version };
  // A removal has no write time of its own: the stream's approximate one (epoch seconds) stands in.
  const occurredAt = removed ? new Date((stream?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000).toISOString() : props.updatedAt;
  return { changeId: changeIdOf(fields), ...fields, op: removed ? 'delete' : 'upsert', occurredAt, data: props };
}
