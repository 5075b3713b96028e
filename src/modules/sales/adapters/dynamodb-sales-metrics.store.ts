import { DynamoDBDocumentClient, BatchGetCommand, BatchGetCommandOutput, NumberValue, QueryCommand, QueryCommandInput, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { BUCKET_RETENTION_SECONDS, bucketDeltas, BucketDelta, bucketKey, effectiveChanges, Granularity, MetricBucket, SaleChange } from '../domain/metric-buckets';
import type { MetricsRange } from '../domain/realtime-metrics';
import type { SaleContribution } from '../domain/sale-contribution';
import { SalesMetricsStore } from '../domain/sales-metrics-store.port';
import { SALES_METRICS_TTL_ATTRIBUTE } from './dynamodb-sales-metrics-table';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
interface Mark extends SaleContribution {
  revision: number;
}

/** DynamoDB's limit of items in one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;
const MAX_CONFLICT_RETRIES = 5;

const part = (value: string) => encodeURIComponent(value);
const bucketPk = (tenantId: string, supplierId: string) => `B#${part(tenantId)}#${part(supplierId)}`;
const markPk = (tenantId: string, saleId: string) => `S#${part(tenantId)}#${part(saleId)}`;
const MARK_SK = 'sale';

/**
 * The real-time metrics on DynamoDB (table design in dynamodb-sales-metrics-table.ts).
 * Amounts travel as NumberValue text both ways (the client must unmarshall numbers with
 * wrapNumbers), so no amount ever passes through a JS float.
 */
export class DynamoDbSalesMetricsStore implements SalesMetricsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async apply(contributions: readonly SaleContribution[]): Promise<number> {
    const latest = [...new Map(contributions.map((c) => [`${c.tenantId}\u0000${c.saleId}`, c])).values()];
    let applied = 0;
    for (let attempt = 1; latest.length > 0; attempt++) {
      const marks = await this.readMarks(latest);
      const changes = effectiveChanges(latest.map((next) => ({ previous: marks.get(markPk(next.tenantId, next.saleId)) ?? null, next })));
      const conflicted: SaleContribution[] = [];
      for (const chunk of transactionChunks(changes)) {
        try {
          await this.client.send(new TransactWriteCommand({ TransactItems: this.transactItems(chunk, marks) }));
          applied += chunk.length;
        } catch (error) {
          // Another writer counted one of these sales since they were read: read again and redo.
          if ((error as { name?: string }).name !== 'TransactionCanceledException' || attempt >= MAX_CONFLICT_RETRIES) throw error;
          conflicted.push(...chunk.map((c) => c.next));
        }
      }
      latest.splice(0, latest.length, ...conflicted);
    }
    return applied;
  }

  /** The table's TTL attribute (set on every bucket write from BUCKET_RETENTION_SECONDS) expires buckets by itself. */
  async expire(): Promise<number> {
    return 0;
  }

  async readBuckets(tenantId: string, supplierId: string, range: MetricsRange): Promise<MetricBucket[]> {
    const pk = bucketPk(tenantId, supplierId);
    const queries: Omit<QueryCommandInput, 'TableName'>[] = [
      { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': pk, ':from': `minute#${range.minuteFrom}#`, ':to': `minute#${range.minuteTo}#~` } },
      { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': `hour#${range.hour}#` } },
      { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': `day#${range.day}#` } },
    ];
    const pages = await Promise.all(queries.map((query) => this.queryAll(query)));
    return pages.flat().map((item) => {
      const [granularity, bucketStart, currency, productKey] = String(item.sk).split('#');
      return {
        supplierId,
        productKey: decodeURIComponent(productKey),
        currency: decodeURIComponent(currency),
        granularity: granularity as Granularity,
        bucketStart,
        revenue: String(item.revenue),
        units: String(item.units),
        orders: Number(item.orders),
        commission: String(item.commission),
      };
    });
  }

  private async queryAll(query: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...query, TableName: this.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async readMarks(sales: readonly SaleContribution[]): Promise<Map<string, Mark>> {
    const marks = new Map<string, Mark>();
    const keys = sales.map((s) => ({ pk: markPk(s.tenantId, s.saleId), sk: MARK_SK }));
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
      while (pending && pending.length > 0) {
        const result: BatchGetCommandOutput = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
        for (const item of result.Responses?.[this.tableName] ?? []) marks.set(String(item.pk), markOf(item));
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return marks;
  }

  private transactItems(chunk: readonly SaleChange[], marks: ReadonlyMap<string, Mark>): TransactItem[] {
    const markPuts = chunk.map(({ next }): TransactItem => {
      const pk = markPk(next.tenantId, next.saleId);
      const revision = marks.get(pk)?.revision;
      return {
        Put: {
          TableName: this.tableName,
          Item: { ...markItem(next), pk, sk: MARK_SK, revision: (revision ?? 0) + 1 },
          ...(revision === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'revision = :revision', ExpressionAttributeValues: { ':revision': revision } }),
        },
      };
    });
    return [...markPuts, ...bucketDeltas(chunk).map((delta) => this.increment(delta))];
  }

  private increment(delta: BucketDelta): TransactItem {
    const expiresAt = Math.floor(new Date(delta.bucketStart).getTime() / 1000) + BUCKET_RETENTION_SECONDS[delta.granularity];
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: bucketPk(delta.tenantId, delta.supplierId), sk: [delta.granularity, delta.bucketStart, part(delta.currency), part(delta.productKey)].join('#') },
        UpdateExpression: `ADD revenue :revenue, units :units, orders :orders, commission :commission SET ${SALES_METRICS_TTL_ATTRIBUTE} = :expiresAt`,
        ExpressionAttributeValues: {
          ':revenue': NumberValue.from(delta.revenue),
          ':units': NumberValue.from(delta.units),
          ':orders': delta.orders,
          ':commission': NumberValue.from(delta.commission),
          ':expiresAt': expiresAt,
        },
      },
    };
  }
}

/** Packs changes into transactions of at most 100 items: one mark per sale plus the distinct buckets they touch. */
export function transactionChunks(changes: readonly SaleChange[]): SaleChange[][] {
  const chunks: SaleChange[][] = [];
  let chunk: SaleChange[] = [];
  let buckets = new Set<string>();
  for (const change of changes) {
    const touched = bucketDeltas([change]).map(bucketKey);
    const union = new Set([...buckets, ...touched]);
    if (chunk.length > 0 && chunk.length + 1 + union.size > MAX_TRANSACTION_ITEMS) {
      chunks.push(chunk);
      chunk = [];
      buckets = new Set(touched);
    } else {
      buckets = union;
    }
    chunk.push(change);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function markItem(c: SaleContribution): Record<string, unknown> {
  return {
    tenantId: c.tenantId,
    saleId: c.saleId,
    supplierId: c.supplierId,
    productKey: c.productKey,
    currency: c.currency,
    occurredAt: c.occurredAt,
    revenue: NumberValue.from(c.revenue),
    units: NumberValue.from(c.units),
    commission: NumberValue.from(c.commission),
    supplierOrders: c.supplierOrders,
    productOrders: c.productOrders,
  };
}

function markOf(item: Record<string, unknown>): Mark {
  return {
    tenantId: String(item.tenantId),
    saleId: String(item.saleId),
    supplierId: String(item.supplierId),
    productKey: String(item.productKey),
    currency: String(item.currency),
    occurredAt: String(item.occurredAt),
    revenue: String(item.revenue),
    units: String(item.units),
    commission: String(item.commission),
    supplierOrders: Number(item.supplierOrders) as 0 | 1,
    productOrders: Number(item.productOrders) as 0 | 1,
    revision: Number(item.revision),
  };
}
