import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import type { ChangeSubscriberRegistry } from '../change-feed/change-subscriber.registry';
import { FeedLease, ORDERS_STREAM_LEASE } from '../change-feed/feed-lease';
import { deliverOrderStreamRecords } from '../change-feed/order-stream-delivery';
import { OrdersStreamCheckpoints } from '../change-feed/orders-stream-checkpoints';
import { DynamoDbStreamPoller } from './dynamodb-stream-poller';

/** The orders table's stream, read by the workers and handed to the change subscribers as the stream Lambda would. */
export function createOrdersStreamPoller(aws: AppConfig['aws'], db: DataSource, registry: ChangeSubscriberRegistry): DynamoDbStreamPoller {
  const client = { region: aws.region, endpoint: aws.dynamodbEndpoint };
  return new DynamoDbStreamPoller(
    new DynamoDBClient(client),
    new DynamoDBStreamsClient(client),
    aws.ordersTable,
    new OrdersStreamCheckpoints(db),
    new FeedLease(db, ORDERS_STREAM_LEASE),
    (records) => deliverOrderStreamRecords(registry, records),
  );
}
