import { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureDynamoDbTable } from '../../../infrastructure/aws/ensure-dynamodb-table';

export const CUSTOMER_INDEX = 'CustomerIndex';
export const TENANT_INDEX = 'TenantIndex';

/**
 * One table holds orders and idempotency markers, keyed by `orderId`. Markers carry no
 * index keys, so they stay out of both (sparse) indexes. The index keys are tenant-scoped
 * because an index partition is shared by everyone who writes to it: see
 * dynamodb-order.mapper.ts for how `customerKey` and `createdKey` are built.
 */
export function ordersTableDefinition(tableName: string): CreateTableCommandInput {
  const newestFirst = (partitionKey: string) => [
    { AttributeName: partitionKey, KeyType: 'HASH' as const },
    { AttributeName: 'createdKey', KeyType: 'RANGE' as const },
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'orderId', AttributeType: 'S' },
      { AttributeName: 'tenantId', AttributeType: 'S' },
      { AttributeName: 'customerKey', AttributeType: 'S' },
      { AttributeName: 'createdKey', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      { IndexName: CUSTOMER_INDEX, KeySchema: newestFirst('customerKey'), Projection: { ProjectionType: 'ALL' } },
      { IndexName: TENANT_INDEX, KeySchema: newestFirst('tenantId'), Projection: { ProjectionType: 'ALL' } },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

export function ensureOrdersTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return ensureDynamoDbTable(client, ordersTableDefinition(tableName));
}
