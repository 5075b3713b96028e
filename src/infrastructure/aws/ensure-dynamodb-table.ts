import { CreateTableCommand, CreateTableCommandInput, DescribeTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';

/** Creates the table unless it exists (CDK owns tables on AWS; this serves local runs and tests). */
export async function ensureDynamoDbTable(client: DynamoDBClient, definition: CreateTableCommandInput): Promise<void> {
  const TableName = definition.TableName;
  try {
    await client.send(new DescribeTableCommand({ TableName }));
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
    try {
      await client.send(new CreateTableCommand(definition));
    } catch (createError) {
      // Another process created it first; the wait below covers both cases.
      if (errorName(createError) !== 'ResourceInUseException') throw createError;
    }
  }
  // The SDK's default 20 s first delay would dominate local start-up, where tables are ACTIVE at once.
  await waitUntilTableExists({ client, minDelay: 1, maxDelay: 5, maxWaitTime: 300 }, { TableName });
}

const errorName = (error: unknown) => (error as { name?: string } | null)?.name;
