import { randomUUID } from 'node:crypto';
import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { AppModule } from '../src/app.module';
import { DynamoDbOrderRepository } from '../src/modules/orders/adapters/dynamodb-order.repository';
import { ensureOrdersTable } from '../src/modules/orders/adapters/dynamodb-orders-table';
import { createDynamoDbStreamHandler } from '../src/workers/dynamodb-stream.handler';
import { ChangeFeedTestModule, RecordingSubscriber } from './support/change-feed-test-module';
import { asLambdaRecord } from '../src/infrastructure/aws/dynamodb-stream-records';
import { DynamoDbLocal, dynamoDbLocalUnavailableReason, startDynamoDbLocal } from './support/dynamodb-local';
import { newOrder } from './support/order-fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';

const unavailable = dynamoDbLocalUnavailableReason();

/** Every record on the table's stream so far, through the Streams API, in sequence order. */
async function readStream(streams: DynamoDBStreamsClient, tableName: string): Promise<DynamoDBRecord[]> {
  const { Streams } = await streams.send(new ListStreamsCommand({ TableName: tableName }));
  const streamArn = Streams?.[0]?.StreamArn as string;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: DynamoDBRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (iterator) {
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(out.Records ?? []).map((r) => asLambdaRecord(r, streamArn)));
      // An open shard always returns a next iterator: stop once a read comes back empty.
      iterator = out.Records?.length ? out.NextShardIterator : undefined;
    }
  }
  return records.sort((a, b) => (BigInt(a.dynamodb!.SequenceNumber!) < BigInt(b.dynamodb!.SequenceNumber!) ? -1 : 1));
}

if (unavailable) {
  console.warn(`Skipping the DynamoDB stream handler suite: ${unavailable}`);
  describe.skip(`DynamoDB stream handler on DynamoDB Local (skipped: ${unavailable})`, () => {
    it('turns real stream records into change events', () => undefined);
  });
} else {
  describe('DynamoDB stream handler (src/workers/dynamodb-stream.handler.ts) on real DynamoDB Local stream records', () => {
    let local: DynamoDbLocal;
    let database: TestDatabase;
    let client: DynamoDBClient;
    let streams: DynamoDBStreamsClient;
    let lambda: ReturnType<typeof createDynamoDbStreamHandler>;
    let subscriber: RecordingSubscriber;
    let boots = 0;
    const tableName = `orders-stream-${randomUUID()}`;

    beforeAll(async () => {
      local = await startDynamoDbLocal();
      client = new DynamoDBClient(local.clientConfig);
      streams = new DynamoDBStreamsClient(local.clientConfig);
      await ensureOrdersTable(client, tableName);
      database = await createTestDatabase();
      const env = { ...process.env, ...database.env, SEED_DEMO: 'false' };
      lambda = createDynamoDbStreamHandler(async () => {
        @Module({ imports: [AppModule.forRoot(env), ChangeFeedTestModule] })
        class StreamTestModule {}
        const app = await NestFactory.createApplicationContext(StreamTestModule, { bufferLogs: true });
        subscriber = app.get(RecordingSubscriber);
        boots++;
        return app;
      });
      expect(await lambda.handler({ Records: [] })).toEqual({ batchItemFailures: [] }); // boots the app
    });

    afterAll(async () => {
      await lambda?.close();
      client?.destroy();
      streams?.destroy();
      await local?.stop();
      await database?.drop();
    });

    it('delivers inserts, modifies and removes of orders as change events, skipping idempotency markers; a failing record is the batch item failure', async () => {
      const orders = new DynamoDbOrderRepository(DynamoDBDocumentClient.from(client), tableName);
      const a = newOrder({ tenantId: 'stream-a' });
      await orders.create(a, { key: 'idem-1', requestHash: 'h' }); // writes an idempotency marker item too
      const revised = a.revise({ shippingAddress: { line1: 'Calle Nueva 2', city: 'Madrid', postalCode: '28013', country: 'ES' } });
      await orders.update(revised);
      const b = newOrder({ tenantId: 'stream-b' });
      await orders.create(b);
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: { orderId: { S: a.id } } }));

      const records = await readStream(streams, tableName);
      expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'INSERT', 'MODIFY', 'INSERT', 'REMOVE']);
      const seqOf = (orderId: string, eventName: string) =>
        records.find((r) => r.eventName === eventName && r.dynamodb?.Keys?.orderId?.S === orderId)!.dynamodb!.SequenceNumber;

      // First delivery: the subscriber fails on every batch holding b's insert.
      subscriber.failNextBatch((changes) => changes.some((c) => c.key === b.id), Number.POSITIVE_INFINITY);
      const event: DynamoDBStreamEvent = { Records: records };
      expect(await lambda.handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: seqOf(b.id, 'INSERT') }] });
      expect(subscriber.applied.map((c) => c.changeId)).toEqual([`order:stream-a:${a.id}:1`, `order:stream-a:${a.id}:2`]);

      // Lambda retries from the failed record; now the subscriber takes it.
      subscriber.failNextBatch(() => false, 0);
      const retry: DynamoDBStreamEvent = { Records: records.slice(records.findIndex((r) => r.dynamodb?.SequenceNumber === seqOf(b.id, 'INSERT'))) };
      expect(await lambda.handler(retry)).toEqual({ batchItemFailures: [] });
      expect(subscriber.applied.map((c) => [c.changeId, c.op])).toEqual([
        [`order:stream-a:${a.id}:1`, 'upsert'],
        [`order:stream-a:${a.id}:2`, 'upsert'],
        [`order:stream-b:${b.id}:1`, 'upsert'],
        [`order:stream-a:${a.id}:3`, 'delete'],
      ]);
      const [created, updated, , removed] = subscriber.applied;
      expect(created.data).toEqual(JSON.parse(JSON.stringify(a.props)));
      expect(updated).toMatchObject({ tenantId: 'stream-a', entity: 'order', key: a.id, occurredAt: revised.props.updatedAt });
      expect(updated.data).toEqual(JSON.parse(JSON.stringify(revised.props)));
      expect(removed.data).toEqual(updated.data); // a delete carries the last image
      expect(Number.isNaN(Date.parse(removed.occurredAt))).toBe(false);
      // No change event ever came from the marker item.
      expect(subscriber.received.every((c) => c.entity === 'order' && [a.id, b.id].includes(c.key))).toBe(true);
      expect(boots).toBe(1);
    });
  });
}
