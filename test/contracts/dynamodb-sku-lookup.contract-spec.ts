import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbSkuLookup } from '../../src/modules/matching/adapters/dynamodb-sku-lookup.repository';
import { ensureSkuLookupTable } from '../../src/modules/matching/adapters/dynamodb-sku-lookup-table';
import { dynamoDbLocalUnavailableReason, startDynamoDbLocal } from '../support/dynamodb-local';
import { describeSkuLookupContract } from './sku-lookup.contract';

const unavailable = dynamoDbLocalUnavailableReason();

if (unavailable) {
  // A silent pass would read as "DynamoDB adapter verified"; say loudly that it was not.
  console.warn(`Skipping the DynamoDB Local SKU lookup contract: ${unavailable}`);
  describe.skip(`SkuLookup contract: DynamoDB Local (skipped: ${unavailable})`, () => {
    it('runs the shared contract against DynamoDB Local', () => undefined);
  });
} else {
  describeSkuLookupContract('DynamoDB Local', async () => {
    const local = await startDynamoDbLocal();
    const client = new DynamoDBClient(local.clientConfig);
    const close = async () => {
      client.destroy();
      await local.stop();
    };
    const tableName = `sku-lookup-contract-${randomUUID()}`;
    await ensureSkuLookupTable(client, tableName).catch(async (error: unknown) => {
      await close();
      throw error;
    });
    return { lookup: new DynamoDbSkuLookup(DynamoDBDocumentClient.from(client), tableName), close };
  });
}
