/**
 * Order fulfilment benchmark: how many order workflows (payment, shipment, email,
 * completion) the embedded profile completes per second, and the time from
 * POST /v1/orders to COMPLETED.
 *
 *   npm run bench:fulfilment            (builds, then runs dist/main.js in a child process)
 *
 * Env: BENCH_ORDERS (default 2000), BENCH_RATE (POSTs per second offered, default 250),
 *      BENCH_CONNECTIONS (concurrent POSTs, default 32), BENCH_DATABASE_URL (run on a real
 *      Postgres instead of PGlite: a scratch database is created there and dropped),
 *      BENCH_APP_NODE_ARGS (extra node flags for the app, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 *
 * Latency is measured server side: orders.created_at (stamped when the POST is handled)
 * to workflow_executions.stopped_at (the COMPLETED transition is the last task).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { DevIssuer } from '../src/common/auth/dev-issuer';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/config/app-config';
import { orderBody } from '../test/support/order-fixtures';
import { freePort, waitForHealth } from '../test/support/processes';
import { scratchDatabase } from './support/scratch-database';

const ROOT = resolve(__dirname, '..');
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const ORDERS = num('BENCH_ORDERS', 2000);
const RATE = num('BENCH_RATE', 250);
const CONNECTIONS = num('BENCH_CONNECTIONS', 32);

interface Timing {
  order_id: string;
  status: string;
  latency_ms: number;
  created_ms: number;
  stopped_ms: number;
}

const TIMINGS_SQL = `
  SELECT o.order_id::text, o.status, extract(epoch FROM e.stopped_at - o.created_at) * 1000 AS latency_ms,
         extract(epoch FROM o.created_at) * 1000 AS created_ms, extract(epoch FROM e.stopped_at) * 1000 AS stopped_ms
  FROM orders o JOIN workflow_executions e ON e.execution_name = o.order_id::text AND e.workflow_name = 'order-fulfilment'`;


async function timings(dataDir: string, databaseUrl?: string): Promise<Timing[]> {
  const parse = (rows: Record<string, unknown>[]) =>
    rows.map((r) => ({ ...r, latency_ms: Number(r.latency_ms), created_ms: Number(r.created_ms), stopped_ms: Number(r.stopped_ms) }) as Timing);
  if (databaseUrl) {
    const c = new Client({ connectionString: databaseUrl });
    await c.connect();
    return parse((await c.query(TIMINGS_SQL).finally(() => c.end())).rows);
  }
  const db = await PGlite.create(join(dataDir, 'pg'));
  return parse((await db.query<Record<string, unknown>>(TIMINGS_SQL).finally(() => db.close())).rows);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mercantil-bench-fulfilment-'));
  const database = await scratchDatabase();
  const port = await freePort();
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const app: ChildProcess = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/main.js')], {
    env: { ...process.env, ...database.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitForHealth(`http://127.0.0.1:${port}/health`, app, 60_000);
    const issuer = await DevIssuer.open(dataDir, DEV_ISSUER, DEV_AUDIENCE);
    const auth = `Bearer ${await issuer.mint({ tenantId: 'bench', sub: 'bench', groups: ['admin'] })}`;
    const body = JSON.stringify(orderBody());
    console.log(`Offering ${ORDERS} orders at up to ${RATE}/s over ${CONNECTIONS} connections (${database.env.DATABASE_URL ? 'Postgres server' : 'PGlite'})`);

    const started = Date.now();
    let next = 0;
    let failed = 0;
    const post = async () => {
      for (let i = next++; i < ORDERS; i = next++) {
        const due = started + (i * 1000) / RATE;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        const res = await fetch(`http://127.0.0.1:${port}/v1/orders`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body });
        if (res.status !== 201) failed++;
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, post));
    const postSeconds = (Date.now() - started) / 1000;

    // A cheap probe (one indexed query), so polling does not weigh on what is measured.
    const running = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/v1/workflows/order-fulfilment/executions?status=RUNNING&limit=1`, { headers: { authorization: auth } });
      return ((await res.json()) as { items: unknown[] }).items.length;
    };
    const deadline = Date.now() + 300_000;
    await new Promise((r) => setTimeout(r, 1000));
    while ((await running()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    app.kill('SIGTERM');
    await once(app, 'exit');

    const rows = await timings(dataDir, database.env.DATABASE_URL);
    const done = rows.filter((r) => r.status === 'COMPLETED');
    const latencies = done.map((r) => r.latency_ms).sort((a, b) => a - b);
    const span = (Math.max(...done.map((r) => r.stopped_ms)) - Math.min(...done.map((r) => r.created_ms))) / 1000;
    console.log(`POSTed ${ORDERS - failed} orders in ${postSeconds.toFixed(1)} s (${((ORDERS - failed) / postSeconds).toFixed(0)}/s offered and accepted, ${failed} failed)`);
    console.log(`Completed ${done.length} workflows in ${span.toFixed(1)} s: ${(done.length / span).toFixed(0)} workflows/s`);
    console.log(`POST -> COMPLETED: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`);
  } finally {
    if (app.exitCode === null) app.kill('SIGKILL');
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
