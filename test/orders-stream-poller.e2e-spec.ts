import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ChangeEvent } from '../src/common/change-feed/change-event';
import type { DynamoDbStreamPoller } from '../src/infrastructure/aws/dynamodb-stream-poller';
import { ORDERS_STREAM_POLLER } from '../src/infrastructure/change-feed/change-feed.module';
import { ChangeSubscriberRegistry } from '../src/infrastructure/change-feed/change-subscriber.registry';
import { runSql } from '../src/infrastructure/database/run-sql';
import { ensureOrdersTable } from '../src/modules/orders/adapters/dynamodb-orders-table';
import { DynamoDbLocal, dynamoDbLocalUnavailableReason, startDynamoDbLocal } from './support/dynamodb-local';
import { orderBody } from './support/order-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const unavailable = dynamoDbLocalUnavailableReason();

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (unavailable) {
  console.warn(`Skipping the orders stream poller suite: ${unavailable}`);
  describe.skip(`Orders stream poller on DynamoDB Local (skipped: ${unavailable})`, () => {
    it('feeds the change subscribers from the orders stream', () => undefined);
  });
} else {
  /**
   * ORDERS_STREAM_POLLING (the compose stack): orders live in DynamoDB and the workers read the
   * table's stream themselves, as the stream Lambda's event source mapping would on AWS.
   */
  describe('Orders stream poller (ORDERS_STREAM_POLLING) on DynamoDB Local', () => {
    let local: DynamoDbLocal;
    let t: TestApp;
    let token: string;
    const delivered: ChangeEvent[] = [];

    /** The furthest sequence number checkpointed, over the stream's shards. */
    const checkpointed = async () =>
      (await runSql(t.app.get(DataSource), `SELECT sequence_number FROM orders_stream_checkpoints WHERE sequence_number IS NOT NULL`)).rows
        .map((r) => BigInt(r.sequence_number as string))
        .reduce((max, n) => (n > max ? n : max), 0n);
    const poller = () => t.app.get<DynamoDbStreamPoller>(ORDERS_STREAM_POLLER);
    const purchasesOf = async (customerId: string) =>
      (await t.http().get(`/search/stream-poll/purchases?customerId=${customerId}`).set('Authorization', `Bearer ${token}`).expect(200)).body as {
        hits: { purchase: { orderId: string; status: string } }[];
      };

    beforeAll(async () => {
      local = await startDynamoDbLocal();
      const table = `orders-poll-${randomUUID()}`;
      const client = new DynamoDBClient(local.clientConfig);
      await ensureOrdersTable(client, table).finally(() => client.destroy());
      const credentials = local.clientConfig.credentials as { accessKeyId: string; secretAccessKey: string };
      process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
      t = await startTestApp({
        ORDER_STORE: 'dynamodb',
        DYNAMODB_ENDPOINT: local.endpoint,
        ORDERS_TABLE: table,
        AWS_REGION: local.clientConfig.region as string,
        ORDERS_STREAM_POLLING: 'true',
      });
      token = await t.token({ tenantId: 'stream-poll' });
      const registry = t.app.get(ChangeSubscriberRegistry);
      const deliver = registry.deliver.bind(registry);
      jest.spyOn(registry, 'deliver').mockImplementation(async (changes) => {
        await deliver(changes);
        delivered.push(...changes);
      });
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await local?.stop();
    });

    it('makes an order placed over HTTP searchable, its status following the fulfilment, and checkpoints the stream', async () => {
      const order = await t.http().post('/v1/orders').set('Authorization', `Bearer ${token}`).send(orderBody({ customerId: 'cust-stream' })).expect(201);
      const found = await until('the completed purchase in search', async () => {
        const { hits } = await purchasesOf('cust-stream');
        return hits.some((h) => h.purchase.status === 'COMPLETED') ? hits : undefined;
      });
      expect(found.map((h) => h.purchase.orderId)).toEqual([order.body.orderId]);
      expect(await checkpointed()).toBeGreaterThan(0n);
    });

    it('resumes from its checkpoint after a restart: records read before are not handed over again', async () => {
      await poller().stop();
      delivered.length = 0;
      const order = await t.http().post('/v1/orders').set('Authorization', `Bearer ${token}`).send(orderBody({ customerId: 'cust-restart' })).expect(201);
      poller().start();
      await until('the second order’s completion', async () => (delivered.some((c) => c.key === order.body.orderId && (c.data as { status: string }).status === 'COMPLETED') ? true : undefined));
      expect(new Set(delivered.map((c) => c.key))).toEqual(new Set([order.body.orderId]));
    });

    it('hands a failed batch over again until it is taken, then checkpoints past it', async () => {
      const registry = t.app.get(ChangeSubscriberRegistry);
      const before = await checkpointed();
      let failures = 0;
      const deliver = registry.deliver as jest.Mock;
      const passThrough = deliver.getMockImplementation()!;
      deliver.mockImplementation(async (changes: ChangeEvent[]) => {
        if (changes.some((c) => c.data && (c.data as { customerId?: string }).customerId === 'cust-fail') && failures < 3) {
          failures++;
          throw new Error('search is down');
        }
        await passThrough(changes);
      });
      const order = await t.http().post('/v1/orders').set('Authorization', `Bearer ${token}`).send(orderBody({ customerId: 'cust-fail' })).expect(201);
      await until('the order once search is back', async () => ((await purchasesOf('cust-fail')).hits.length > 0 ? true : undefined));
      expect(failures).toBe(3);
      expect(delivered.filter((c) => c.key === order.body.orderId).length).toBeGreaterThan(0);
      // The checkpoint is saved once the batch is taken, just after the subscribers applied it.
      await until('the checkpoint past the order', async () => ((await checkpointed()) > before ? true : undefined));
      deliver.mockImplementation(passThrough);
    });
  });
}
