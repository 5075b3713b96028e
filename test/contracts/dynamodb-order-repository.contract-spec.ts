import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOrderRepository } from '../../src/modules/orders/adapters/dynamodb-order.repository';
import { ensureOrdersTable } from '../../src/modules/orders/adapters/dynamodb-orders-table';
import { dynamoDbLocalUnavailableReason, startDynamoDbLocal } from '../support/dynamodb-local';
import { describeOrderRepositoryContract } from './order-repository.contract';

const unavailable = dynamoDbLocalUnavailableReason();

if (unavailable) {
  // A silent pass would read as "DynamoDB adapter verified"; say loudly that it was not.
  console.warn(`Skipping the DynamoDB Local order repository contract: ${unavailable}`);
  describe.skip(`OrderRepository contract: DynamoDB Local (skipped: ${unavailable})`, () => {
    it('runs the shared contract against DynamoDB Local', () => undefined);
  });
} else {
  describeOrderRepositoryContract('DynamoDB Local', async () => {
    const local = await startDynamoDbLocal();
    const client = new DynamoDBClient(local.clientConfig);
    const close = async () => {
      client.destroy();
      await local.stop();
    };
    const tableName = `orders-contract-${randomUUID()}`;
    // A failed setup must not leave the Java process behind to keep Jest alive.
    await ensureOrdersTable(client, tableName).catch(async (error: unknown) => {
      await close();
      throw error;
    });
    return { repository: new DynamoDbOrderRepository(DynamoDBDocumentClient.from(client), tableName), close };
  });
}
