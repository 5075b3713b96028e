import { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureDynamoDbTable } from '../../../infrastructure/aws/ensure-dynamodb-table';

/**
 * Single-table design: `pk = <tenant>#<kind>#<parts…>` (see lookupKeyText), `sku` the
 * value. Every read is a GetItem on the full key, so no index is needed.
 */
export function skuLookupTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  };
}

export function ensureSkuLookupTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return ensureDynamoDbTable(client, skuLookupTableDefinition(tableName));
}
