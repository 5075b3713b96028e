import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { lookupKeyText, SkuLookup, SkuLookupEntry, SkuLookupKey } from '../domain/sku-lookup.port';

/** DynamoDB allows 2,048 bytes of partition key; longer keys (long alias descriptions) are stored by their hash. */
const MAX_KEY_BYTES = 1024;
const BATCH_SIZE = 25;
const MAX_BATCH_ATTEMPTS = 8;

export class DynamoDbSkuLookup implements SkuLookup {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(tenantId: string, key: SkuLookupKey): Promise<string | null> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: partitionKey(tenantId, key) } }));
    return typeof out.Item?.sku === 'string' ? out.Item.sku : null;
  }

  async putMany(tenantId: string, entries: SkuLookupEntry[]): Promise<void> {
    // A batch may not name one key twice; the last entry wins, as sequential puts would.
    const items = [...new Map(entries.map((e) => [partitionKey(tenantId, e.key), e.sku])).entries()];
    for (let i = 0; i < items.length; i += BATCH_SIZE) {
      let requests = items.slice(i, i + BATCH_SIZE).map(([pk, sku]) => ({ PutRequest: { Item: { pk, sku } } }));
      for (let attempt = 1; requests.length > 0; attempt++) {
        if (attempt > MAX_BATCH_ATTEMPTS) throw new Error(`DynamoDB left ${requests.length} SKU lookup writes unprocessed`);
        const out = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        if (requests.length > 0) await sleep(20 * 2 ** attempt);
      }
    }
  }

  async remove(tenantId: string, key: SkuLookupKey): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: partitionKey(tenantId, key) } }));
  }
}

function partitionKey(tenantId: string, key: SkuLookupKey): string {
  const pk = `${encodeURIComponent(tenantId)}#${lookupKeyText(key)}`;
  return Buffer.byteLength(pk) <= MAX_KEY_BYTES ? pk : `${encodeURIComponent(tenantId)}#sha256#${createHash('sha256').update(pk).digest('hex')}`;
}
