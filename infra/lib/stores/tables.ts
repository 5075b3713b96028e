import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { skuLookupTableDefinition } from '../../../src/modules/matching/adapters/dynamodb-sku-lookup-table';
import { ordersTableDefinition } from '../../../src/modules/orders/adapters/dynamodb-orders-table';
import { SALES_METRICS_TTL_ATTRIBUTE, salesMetricsTableDefinition } from '../../../src/modules/sales/adapters/dynamodb-sales-metrics-table';
import { EnvSettings } from '../settings';

/**
 * The DynamoDB tables, built from the same CreateTable definitions the app uses against
 * DynamoDB Local, so keys and indexes cannot drift between the code and the stack. Every
 * table streams NEW_AND_OLD_IMAGES (the change feed reads the orders stream), has point-in-time
 * recovery and is encrypted with the environment's key.
 */
export class Tables extends Construct {
  readonly orders: dynamodb.Table;
  readonly skuLookup: dynamodb.Table;
  readonly salesMetrics: dynamodb.Table;

  constructor(scope: Construct, id: string, settings: EnvSettings, key: kms.IKey) {
    super(scope, id);
    const table = (logicalId: string, definition: CreateTableCommandInput, extra: Partial<dynamodb.TableProps> = {}) =>
      tableFromDefinition(this, logicalId, definition, {
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: key,
        stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: settings.prod,
        removalPolicy: settings.removalPolicy,
        ...extra,
      });
    this.orders = table('Orders', ordersTableDefinition(`${settings.prefix}orders`));
    this.skuLookup = table('SkuLookup', skuLookupTableDefinition(`${settings.prefix}sku-lookup`));
    this.salesMetrics = table('SalesMetrics', salesMetricsTableDefinition(`${settings.prefix}sales-metrics`), {
      timeToLiveAttribute: SALES_METRICS_TTL_ATTRIBUTE,
    });
  }
}

function tableFromDefinition(
  scope: Construct,
  id: string,
  definition: CreateTableCommandInput,
  props: Omit<dynamodb.TableProps, 'partitionKey' | 'sortKey' | 'tableName'>,
): dynamodb.Table {
  const types = new Map((definition.AttributeDefinitions ?? []).map((a) => [a.AttributeName!, a.AttributeType!]));
  const attribute = (name: string): dynamodb.Attribute => {
    const type = types.get(name);
    if (!type) throw new Error(`${definition.TableName}: key attribute ${name} has no AttributeDefinition`);
    return { name, type: type as dynamodb.AttributeType };
  };
  const keys = (schema: CreateTableCommandInput['KeySchema']) => {
    const hash = schema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
    const range = schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
    if (!hash) throw new Error(`${definition.TableName}: a key schema has no HASH key`);
    return { partitionKey: attribute(hash), sortKey: range ? attribute(range) : undefined };
  };
  const table = new dynamodb.Table(scope, id, { ...props, tableName: definition.TableName, ...keys(definition.KeySchema) });
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    const projection = index.Projection?.ProjectionType ?? 'ALL';
    table.addGlobalSecondaryIndex({
      indexName: index.IndexName!,
      ...keys(index.KeySchema),
      projectionType: projection as dynamodb.ProjectionType,
      nonKeyAttributes: index.Projection?.NonKeyAttributes,
    });
  }
  return table;
}
