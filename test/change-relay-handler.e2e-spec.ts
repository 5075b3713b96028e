import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { changeQueueOf } from '../src/common/change-feed/change-subscriber';
import { SEARCH_CHANGE_SUBSCRIBER } from '../src/common/queue/queue-definition';
import { Queue, QUEUE } from '../src/common/queue/queue.port';
import type { ChangeBatchBody } from '../src/infrastructure/change-feed/change-messages';
import { ChangeRelay } from '../src/infrastructure/change-feed/change-relay.service';
import { runSql } from '../src/infrastructure/database/run-sql';
import { CreateProductCommand } from '../src/modules/matching';
import { createChangeRelayHandler } from '../src/workers/change-relay.handler';
import { runInvocation } from '../src/workers/lambda-context';
import { createTestDatabase, TestDatabase } from './support/test-database';

const TENANT = 'relay-fn';
const SEARCH_QUEUE = changeQueueOf(SEARCH_CHANGE_SUBSCRIBER);

const product = (sku: string) => ({
  sku,
  name: `Producto ${sku}`,
  description: null,
  brand: null,
  category: null,
  unit: null,
  price: '1.50',
  currency: 'EUR',
  supplierId: null,
  supplierCode: null,
  gtin: null,
});

/**
 * On Lambda no relay loop runs: each invocation relays what it committed (runInvocation), and
 * the scheduled change-relay function sweeps what is left. Here as a function's container
 * would run them: an app context without the workers, which started nothing in the background.
 */
describe('Change relay on Lambda (runInvocation and src/workers/change-relay.handler.ts)', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let relayFunction: ReturnType<typeof createChangeRelayHandler>;

  const outboxKeys = async () =>
    (await runSql(app.get(DataSource), `SELECT key FROM change_outbox WHERE tenant_id = $1 ORDER BY id`, [TENANT])).rows.map((r) => r.key as string);
  /** The product keys waiting in the search subscriber's queue (taken off it). */
  const queuedKeys = async () => {
    const queue = app.get<Queue>(QUEUE);
    const keys: string[] = [];
    for (;;) {
      const [message] = await queue.receive<ChangeBatchBody>(SEARCH_QUEUE, { maxMessages: 1 });
      if (!message) return keys;
      keys.push(...message.body.changes.map((c) => c.key));
      await queue.ack(message);
    }
  };
  const create = (sku: string) => app.get(CommandBus).execute(new CreateProductCommand(TENANT, product(sku)));
  const holdLeaseElsewhere = (seconds: number) =>
    runSql(
      app.get(DataSource),
      `INSERT INTO change_relay_lease (name, holder, expires_at) VALUES ('change-relay', 'another-function', now() + $1::float8 * interval '1 second')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at`,
      [seconds],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { ...process.env, ...database.env, SEED_DEMO: 'false' };
    relayFunction = createChangeRelayHandler(async () => (app = await NestFactory.createApplicationContext(AppModule.forRoot(env), { bufferLogs: true })));
    await expect(relayFunction.handler()).resolves.toEqual({ drained: true }); // boots the context
  });
  afterAll(async () => {
    await relayFunction?.close();
    await database?.drop();
  });
  afterEach(() => jest.restoreAllMocks());

  it('relays an invocation’s changes before the invocation returns, and hands the lease back', async () => {
    const created = await runInvocation(app, () => create('INV-1'));
    expect(created.sku).toBe('INV-1');
    expect(await outboxKeys()).toEqual([]);
    expect(await queuedKeys()).toEqual(['INV-1']);
    const lease = await runSql(app.get(DataSource), `SELECT holder FROM change_relay_lease`);
    expect(lease.rows).toEqual([]);
  });

  it('leaves changes it could not send in the outbox, without failing the invocation, and the schedule sends them', async () => {
    const queue = app.get<Queue>(QUEUE);
    jest.spyOn(queue, 'send').mockRejectedValue(new Error('SQS is unreachable'));
    await expect(runInvocation(app, () => create('FAIL-1'))).resolves.toMatchObject({ sku: 'FAIL-1' });
    expect(await outboxKeys()).toEqual(['FAIL-1']);
    jest.restoreAllMocks();

    await expect(relayFunction.handler()).resolves.toEqual({ drained: true });
    expect(await outboxKeys()).toEqual([]);
    expect(await queuedKeys()).toEqual(['FAIL-1']);
  });

  it('waits for a lease another function holds, then leaves the changes to the scheduled sweep', async () => {
    await holdLeaseElsewhere(3600);
    const started = Date.now();
    await runInvocation(app, () => create('HELD-1'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500); // the wait, bounded
    expect(await outboxKeys()).toEqual(['HELD-1']);

    // The other function's lease runs out: the next sweep takes over.
    await holdLeaseElsewhere(-1);
    await expect(relayFunction.handler()).resolves.toEqual({ drained: true });
    expect(await outboxKeys()).toEqual([]);
    expect(await queuedKeys()).toEqual(['HELD-1']);
  });

  it('relays nothing after an invocation that committed no change', async () => {
    const drain = jest.spyOn(app.get(ChangeRelay), 'drain');
    await expect(runInvocation(app, async () => 'read only')).resolves.toBe('read only');
    expect(drain).not.toHaveBeenCalled();
    await runInvocation(app, () => create('WRITE-1'));
    expect(drain).toHaveBeenCalledTimes(1);
    expect(await queuedKeys()).toEqual(['WRITE-1']);
  });
});
