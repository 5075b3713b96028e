import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { salesMetricsDocumentClient } from '../../src/infrastructure/aws/dynamodb-sales-metrics.factory';
import { ensureSalesMetricsTable } from '../../src/modules/sales/adapters/dynamodb-sales-metrics-table';
import { DynamoDbSalesMetricsStore } from '../../src/modules/sales/adapters/dynamodb-sales-metrics.store';
import { dynamoDbLocalUnavailableReason, startDynamoDbLocal } from '../support/dynamodb-local';
import { describeSalesMetricsStoreContract } from './sales-metrics-store.contract';

const unavailable = dynamoDbLocalUnavailableReason();

if (unavailable) {
  // A silent pass would read as "DynamoDB adapter verified"; say loudly that it was not.
  console.warn(`Skipping the DynamoDB Local sales metrics contract: ${unavailable}`);
  describe.skip(`SalesMetricsStore contract: DynamoDB Local (skipped: ${unavailable})`, () => {
    it('runs the shared contract against DynamoDB Local', () => undefined);
  });
} else {
  describeSalesMetricsStoreContract('DynamoDB Local', async () => {
    const local = await startDynamoDbLocal();
    const client = new DynamoDBClient(local.clientConfig);
    const close = async () => {
      client.destroy();
      await local.stop();
    };
    const tableName = `sales-metrics-contract-${randomUUID()}`;
    await ensureSalesMetricsTable(client, tableName).catch(async (error: unknown) => {
      await close();
      throw error;
    });
    return { store: new DynamoDbSalesMetricsStore(salesMetricsDocumentClient(client), tableName), close };
  });
}
