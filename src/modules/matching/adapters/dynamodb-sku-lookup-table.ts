import {
  CreateTableCommand,
  CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

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

/** Creates the table unless it exists (CDK owns it on AWS; this serves local runs and tests). */
export async function ensureSkuLookupTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
    try {
      await client.send(new CreateTableCommand(skuLookupTableDefinition(tableName)));
    } catch (createError) {
      if (errorName(createError) !== 'ResourceInUseException') throw createError;
    }
  }
  await waitUntilTableExists({ client, minDelay: 1, maxDelay: 5, maxWaitTime: 300 }, { TableName: tableName });
}

const errorName = (error: unknown) => (error as { name?: string } | null)?.name;
