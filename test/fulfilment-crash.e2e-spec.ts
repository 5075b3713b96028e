import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { childAppEnv, freePort, waitForHealth } from './support/processes';
import { orderBody } from './support/order-fixtures';
import { createTestDatabase, queryDatabase, TestDatabase } from './support/test-database';
import { DevIssuer } from '../src/common/auth/dev-issuer';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/config/app-config';

const ORDERS = 24;
const separateWorker = Boolean(process.env.TEST_DATABASE_URL);

function spawnEntrypoint(entry: string, env: Record<string, string>): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve(__dirname, '../src', entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout?.on('data', (c: Buffer) => child.output.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => child.output.push(c.toString()));
  return child;
}


/**
 * SIGKILL the process running the workflows while executions are in flight, start it
 * again, and check that every order completes with exactly one charge, one shipment
 * and one email. On a real Postgres the HTTP app and the worker are separate processes
 * and only the worker dies; PGlite cannot be shared, so there the one process dies.
 */
describe(`Crash recovery (${separateWorker ? 'worker.ts killed, Postgres server' : 'main.ts killed, PGlite'})`, () => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  let port: number;
  let env: Record<string, string>;

  const start = async (entry: string, extra: Record<string, string> = {}) => {
    const child = spawnEntrypoint(entry, { ...env, ...extra });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    port = await freePort();
    env = {
      ...childAppEnv(database.env, port),
      // Slow providers keep executions in flight long enough to be killed mid-task.
      SIMULATED_PROVIDER_LATENCY_MS: '400',
      WORKER_MODE: separateWorker ? 'separate' : 'in-process',
    };
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  it(`finishes all ${ORDERS} executions exactly once after a SIGKILL mid-workflow`, async () => {
    const api = await start('main.ts');
    await waitForHealth(`http://127.0.0.1:${port}/health`, api);
    let worker = separateWorker ? await start('workers/worker.ts') : api;
    const issuer = await DevIssuer.open(database.dataDir, DEV_ISSUER, DEV_AUDIENCE);
    const auth = `Bearer ${await issuer.mint({ tenantId: 't1', sub: 'u1', groups: ['admin'] })}`;
    const base = `http://127.0.0.1:${port}`;
    const get = async (path: string) => (await fetch(`${base}${path}`, { headers: { authorization: auth } })).json() as Promise<{ status: string }>;

    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const res = await fetch(`${base}/v1/orders`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(orderBody({ customerId: `c${i}`, paymentMethod: i % 4 === 0 ? 'pm_card_transientFailure' : 'pm_card_visa' })),
      });
      expect(res.status).toBe(201);
      orderIds.push(((await res.json()) as { orderId: string }).orderId);
    }

    // Kill once every execution has started and some have moved on, but not all are done.
    const statuses = async () => Promise.all(orderIds.map(async (id) => (await get(`/v1/orders/${id}`)).status));
    const started = async () => ((await get('/v1/workflows/order-fulfilment/executions?limit=100')) as unknown as { items: unknown[] }).items.length;
    while ((await started()) < ORDERS || !(await statuses()).some((s) => s !== 'PENDING')) await new Promise((r) => setTimeout(r, 20));
    expect((await statuses()).filter((s) => s === 'COMPLETED').length).toBeLessThan(ORDERS);
    worker.kill('SIGKILL');
    await once(worker, 'exit');

    if (!separateWorker) {
      const restarted = await start('main.ts');
      await waitForHealth(`${base}/health`, restarted);
      worker = restarted;
    } else {
      worker = await start('workers/worker.ts');
    }

    const deadline = Date.now() + 60_000;
    let final = await statuses();
    while (final.some((s) => s !== 'COMPLETED') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      final = await statuses();
    }
    expect(final).toEqual(orderIds.map(() => 'COMPLETED'));
    worker.kill('SIGTERM');
    await once(worker, 'exit');
    if (separateWorker) {
      api.kill('SIGTERM');
      await once(api, 'exit');
    }

    const perOrder = async (table: string) =>
      Object.fromEntries(
        (await queryDatabase<{ order_id: string; n: number }>(database, `SELECT order_id::text, count(*)::int AS n FROM ${table} GROUP BY order_id`)).map((r) => [r.order_id, r.n]),
      );
    const expected = Object.fromEntries(orderIds.map((id) => [id, 1]));
    expect(await perOrder('payments')).toEqual(expected);
    expect(await perOrder('shipments')).toEqual(expected);
    const executions = await queryDatabase<{ execution_name: string; status: string }>(database, `SELECT execution_name, status FROM workflow_executions`);
    expect(executions.map((e) => e.execution_name).sort()).toEqual([...orderIds].sort());
    expect(new Set(executions.map((e) => e.status))).toEqual(new Set(['SUCCEEDED']));
    const succeededTwice = await queryDatabase(
      database,
      `SELECT execution_id, state_name FROM workflow_history WHERE type = 'TaskSucceeded' GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(succeededTwice).toEqual([]);
    const emails = readdirSync(join(database.dataDir, 'outbox'));
    expect(emails).toHaveLength(ORDERS);
  }, 120_000);
});
