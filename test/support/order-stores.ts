import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { ensureOrdersTable } from '../../src/modules/orders/adapters/dynamodb-orders-table';
import { dynamoDbLocalUnavailableReason, startDynamoDbLocal } from './dynamodb-local';

export interface OrderStoreHarness {
  name: string;
  /** Env overrides that point the app's order repository at this store. */
  start(): Promise<{ env: Record<string, string>; stop(): Promise<void> }>;
}

const relational: OrderStoreHarness = {
  name: process.env.TEST_DATABASE_URL ? 'Postgres' : 'PGlite',
  start: async () => ({ env: {}, stop: async () => undefined }),
};

const dynamodb: OrderStoreHarness = {
  name: 'DynamoDB Local',
  start: async () => {
    const local = await startDynamoDbLocal();
    const table = `orders-e2e-${randomUUID()}`;
    const client = new DynamoDBClient(local.clientConfig);
    try {
      await ensureOrdersTable(client, table);
    } finally {
      client.destroy();
    }
    // The SDK's default credential chain reads the process environment, not the app's env map.
    const credentials = local.clientConfig.credentials as { accessKeyId: string; secretAccessKey: string };
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    return {
      env: {
        ORDER_STORE: 'dynamodb',
        DYNAMODB_ENDPOINT: local.endpoint,
        ORDERS_TABLE: table,
        AWS_REGION: local.clientConfig.region as string,
      },
      stop: local.stop,
    };
  },
};

/** The stores the HTTP suites run against: always the relational one, DynamoDB Local when Java allows. */
export function orderStoreHarnesses(): OrderStoreHarness[] {
  const reason = dynamoDbLocalUnavailableReason();
  if (reason) console.warn(`Orders e2e on DynamoDB Local skipped: ${reason}`);
  return reason ? [relational] : [relational, dynamodb];
}
