import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppConfig } from '../../config/app-config';
import { ensureSalesMetricsTable } from '../../modules/sales/adapters/dynamodb-sales-metrics-table';
import { DynamoDbSalesMetricsStore } from '../../modules/sales/adapters/dynamodb-sales-metrics.store';

/** Numbers come back as their exact text (wrapNumbers), never as JS floats. */
export function salesMetricsDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: { wrapNumbers: (text: string) => text },
  });
}

/** On AWS the CDK stack owns the table; against a local endpoint (DynamoDB Local) it is created on boot. */
export async function createDynamoDbSalesMetricsStore(aws: AppConfig['aws']): Promise<DynamoDbSalesMetricsStore> {
  const client = new DynamoDBClient({ region: aws.region, endpoint: aws.dynamodbEndpoint });
  if (aws.dynamodbEndpoint) await ensureSalesMetricsTable(client, aws.salesMetricsTable);
  return new DynamoDbSalesMetricsStore(salesMetricsDocumentClient(client), aws.salesMetricsTable);
}
