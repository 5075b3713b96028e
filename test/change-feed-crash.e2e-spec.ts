import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DevIssuer } from '../src/common/auth/dev-issuer';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/config/app-config';
import { orderBody } from './support/order-fixtures';
import { childAppEnv, freePort, waitForHealth } from './support/processes';
import { createTestDatabase, queryDatabase, TestDatabase } from './support/test-database';

const PRODUCTS = 120;
const ORDERS = 12;

function startApp(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve(__dirname, '../src/main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Every object under `dir`, recursively, as paths relative to it. */
function objectsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The change feed survives a SIGKILL while products and orders are still on their way to
 * the search index and the lake: after a restart, each product and each order is in the
 * index exactly once with its newest state, and the lake holds exactly one object per
 * order (its newest version) and one snapshot per product version.
 */
describe('Change feed crash recovery (main.ts killed mid-feed)', () => {
  let database: TestDatabase;
  let app: ChildProcess | undefined;
  let env: Record<string, string>;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = childAppEnv(database.env, port);
  });

  afterAll(async () => {
    if (app && app.exitCode === null) app.kill('SIGKILL');
    await database?.drop();
  });

  it('loses and duplicates nothing in the index or the lake', async () => {
    app = startApp(env);
    await waitForHealth(`${base}/health`, app, 60_000);
    const issuer = await DevIssuer.open(database.dataDir, DEV_ISSUER, DEV_AUDIENCE);
    const auth = { authorization: `Bearer ${await issuer.mint({ tenantId: 'crash', sub: 'u1', groups: ['admin'] })}` };
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...auth, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    };

    const writes: Promise<{ status: number }>[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      writes.push(call('POST', '/v1/products', { sku: `SKU-${i}`, name: `Crash probe ${i} chocolate`, price: `${i}.50`, currency: 'EUR' }));
    }
    const orders = await Promise.all(Array.from({ length: ORDERS }, (_, i) => call('POST', '/v1/orders', orderBody({ customerId: `c${i}` }))));
    expect((await Promise.all(writes)).every((r) => r.status === 201)).toBe(true);
    expect(orders.every((r) => r.status === 201)).toBe(true);
    // A second version of some products, so the feed carries updates too.
    for (let i = 0; i < PRODUCTS; i += 10) {
      expect((await call('PUT', `/v1/products/SKU-${i}`, { name: `Crash probe ${i} vanilla`, price: `${i}.75`, currency: 'EUR' })).status).toBe(200);
    }
    app.kill('SIGKILL');
    await once(app, 'exit');
    // The kill really came mid-feed: changes were still in the outbox or on the subscribers' queues.
    const [pending] = await queryDatabase<{ n: number }>(
      database,
      `SELECT (SELECT count(*) FROM change_outbox) + (SELECT count(*) FROM queue_messages WHERE queue LIKE 'changes-%') AS n`,
    );
    expect(Number(pending.n)).toBeGreaterThan(0);

    app = startApp(env);
    await waitForHealth(`${base}/health`, app, 60_000);
    const lake = join(database.dataDir, 'objects', 'mercantil-data-lake');
    const orderIds = orders.map((o) => (o.body as { orderId: string }).orderId);

    // Converged: every order completed and indexed, and in the lake, with its newest version.
    const converged = async () => {
      const final = await Promise.all(orderIds.map(async (id) => (await call('GET', `/v1/orders/${id}`)).body as { status: string; version: number }));
      const indexed = (await call('GET', `/search/crash/purchases?pageSize=100`)).body as { hits: { purchase: { orderId: string; version: number } }[] };
      const indexedVersions = new Map(indexed.hits.map((h) => [h.purchase.orderId, h.purchase.version]));
      const lakeVersions = lakePurchaseVersions();
      return {
        completed: final.filter((o) => o.status === 'COMPLETED').length,
        indexedNewest: orderIds.filter((id, i) => indexedVersions.get(id) === final[i].version).length,
        lakeNewest: orderIds.filter((id, i) => lakeVersions.get(id) === final[i].version).length,
        products: ((await call('GET', `/search/crash/products?pageSize=1`)).body as { total: number }).total,
        productSnapshots: objectsUnder(join(lake, 'products')).filter((f) => f.endsWith('.parquet')).length,
      };
    };
    const expected = { completed: ORDERS, indexedNewest: ORDERS, lakeNewest: ORDERS, products: PRODUCTS, productSnapshots: PRODUCTS + PRODUCTS / 10 };
    // A batch in flight at the kill stays invisible for its queue's visibility timeout (60 s).
    const deadline = Date.now() + 120_000;
    let state = await converged();
    while (JSON.stringify(state) !== JSON.stringify(expected) && Date.now() < deadline) {
      await sleep(250);
      state = await converged();
    }
    expect(state).toEqual(expected);

    const searched = (await call('GET', '/search/crash/products?q=vanilla&pageSize=100')).body as { total: number };
    expect(searched.total).toBe(PRODUCTS / 10);
    const chocolate = (await call('GET', '/search/crash/products?q=chocolate&pageSize=100')).body as { total: number };
    expect(chocolate.total).toBe(PRODUCTS - PRODUCTS / 10);
    const purchases = (await call('GET', '/search/crash/purchases?pageSize=100')).body as { total: number };
    expect(purchases.total).toBe(ORDERS);

    // The lake: one object per order holding only its newest version, one snapshot per product version.
    const purchaseRows = objectsUnder(join(lake, 'exports', 'ndjson', 'purchases')).flatMap((file) =>
      readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { order_id: string; line_number: number }),
    );
    const lineKeys = purchaseRows.map((r) => `${r.order_id}:${r.line_number}`);
    expect(new Set(lineKeys).size).toBe(lineKeys.length);
    expect(new Set(purchaseRows.map((r) => r.order_id)).size).toBe(ORDERS);

    function lakePurchaseVersions(): Map<string, number> {
      const versions = new Map<string, number>();
      for (const file of objectsUnder(join(lake, 'exports', 'ndjson', 'purchases'))) {
        for (const line of readFileSync(file, 'utf8').trim().split('\n').filter(Boolean)) {
          const row = JSON.parse(line) as { order_id: string; order_version: number };
          versions.set(row.order_id, row.order_version);
        }
      }
      return versions;
    }
  }, 240_000);
});
