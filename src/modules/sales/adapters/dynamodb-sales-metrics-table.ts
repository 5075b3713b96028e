import { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureDynamoDbTable } from '../../../infrastructure/aws/ensure-dynamodb-table';

/**
 * One table, two item kinds (every part URI-encoded, so `#` only separates):
 * - bucket: `pk = B#<tenant>#<supplier>`, `sk = <granularity>#<bucketStart ISO>#<currency>#<productKey>`
 *   (productKey empty for the supplier's total), numbers `revenue`, `units`, `orders`, `commission`
 *   grown by UpdateItem ADD. A supplier's windows are three Queries on its partition: the minute
 *   range (`sk BETWEEN`), `begins_with(sk, 'hour#<hour>#')` and `begins_with(sk, 'day#<day>#')`.
 * - sale mark: `pk = S#<tenant>#<saleId>`, `sk = sale`: what was counted for the sale and a
 *   `revision`; it is Put in the same TransactWriteItems as the increments, on condition that
 *   it is absent (or still at the revision read), which makes each sale count exactly once.
 * Buckets carry SALES_METRICS_TTL_ATTRIBUTE, so old ones go.
 */
export function salesMetricsTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  };
}

/** Epoch seconds after which DynamoDB deletes a bucket: the TTL attribute the CDK stack and the compose init script enable. */
export const SALES_METRICS_TTL_ATTRIBUTE = 'expiresAt';

export function ensureSalesMetricsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return ensureDynamoDbTable(client, salesMetricsTableDefinition(tableName));
}
