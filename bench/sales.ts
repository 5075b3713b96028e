/**
 * Sales: real-time update throughput and lag, the daily batch's rows per second, and (when
 * the Northwind data set is present) a correctness check of the daily reports.
 *   npm run bench:sales -- [--sales 50000] [--batch 250] [--rate 5000] [--daily 200000] [--northwind <dir>|none]
 * PGlite by default; BENCH_DATABASE_URL=postgres://… runs on a scratch database beside it.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { Exact, lineTotal } from '../src/common/money/money';
import { loadConfig } from '../src/config/app-config';
import { openDataSource } from '../src/infrastructure/database/open-data-source';
import { runSql } from '../src/infrastructure/database/run-sql';
import { LocalObjectStorage } from '../src/infrastructure/storage/local-object-storage.adapter';
import { PostgresSalesMetricsStore } from '../src/modules/sales/adapters/postgres-sales-metrics.store';
import { PostgresSalesRepository } from '../src/modules/sales/adapters/postgres-sales.repository';
import { BuildDailyReportsCommand } from '../src/modules/sales/commands/build-daily-reports/build-daily-reports.command';
import { BuildDailyReportsHandler } from '../src/modules/sales/commands/build-daily-reports/build-daily-reports.handler';
import { RecordSalesCommand, SaleInput } from '../src/modules/sales/commands/record-sales/record-sales.command';
import { RecordSalesHandler } from '../src/modules/sales/commands/record-sales/record-sales.handler';
import { metricsRangeAt, realtimeMetrics } from '../src/modules/sales/domain/realtime-metrics';
import { saleIdOf } from '../src/modules/sales/domain/sale';
import { loadNorthwind, NORTHWIND_DIR, NORTHWIND_EXPECTED } from './support/northwind-sales';
import { scratchDatabase } from './support/scratch-database';
import { inMemoryTestCache } from '../test/support/test-cache';

const SUPPLIERS = 20;
const PRODUCTS = 200;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Orders of 1–4 lines, every line of an order in the same batch, as the change-feed subscriber sends them. */
function orderBatches(total: number, batchSize: number, tenantId: string): SaleInput[][] {
  const batches: SaleInput[][] = [];
  let batch: SaleInput[] = [];
  for (let order = 0, made = 0; made < total; order++) {
    const lines = 1 + (order % 4);
    for (let line = 1; line <= lines && made < total; line++, made++) {
      const product = (order * 7 + line * 13) % PRODUCTS;
      batch.push({
        tenantId,
        source: 'order',
        sourceId: `o-${order}`,
        lineNumber: line,
        supplierId: `sup-${product % SUPPLIERS}`,
        sku: `SKU-${product}`,
        productName: `Product ${product}`,
        category: null,
        customerId: `c-${order % 1000}`,
        quantity: String(1 + (order % 5)),
        unitPrice: `${1 + (product % 50)}.${String(order % 100).padStart(2, '0')}`,
        amount: '',
        commission: '0.10',
        currency: 'EUR',
        occurredAt: '',
      });
      const sale = batch[batch.length - 1];
      sale.amount = lineTotal({ quantity: Number(sale.quantity), unitPrice: sale.unitPrice });
    }
    if (batch.length >= batchSize) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sales: { type: 'string', default: '50000' },
      batch: { type: 'string', default: '250' },
      rate: { type: 'string', default: '5000' },
      daily: { type: 'string', default: '200000' },
      northwind: { type: 'string', default: NORTHWIND_DIR },
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'mercantil-bench-sales-'));
  const scratch = await scratchDatabase();
  const config = loadConfig({ DATA_DIR: dataDir, ...scratch.env });
  const db = await openDataSource(config);
  const sales = new PostgresSalesRepository(db.dataSource);
  const metrics = new PostgresSalesMetricsStore(db.dataSource);
  const cache = inMemoryTestCache();
  const record = new RecordSalesHandler(sales, metrics, cache);
  const daily = new BuildDailyReportsHandler(sales, new LocalObjectStorage(join(dataDir, 'objects')), config, cache);
  const backend = scratch.env.DATABASE_URL ? 'Postgres' : 'PGlite';
  try {
    await realtimeBench(record, metrics, Number(values.sales), Number(values.batch), Number(values.rate), backend);
    await dailyBench(sales, daily, Number(values.daily), backend);
    if (values.northwind !== 'none') await northwindCheck(record, daily, db.dataSource, values.northwind);
  } finally {
    await db.close();
    await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function realtimeBench(record: RecordSalesHandler, metrics: PostgresSalesMetricsStore, total: number, batchSize: number, rate: number, backend: string) {
  // Unpaced: as fast as the recording path goes.
  const warm = orderBatches(2_000, batchSize, 'warm-up');
  for (const batch of warm) await record.execute(new RecordSalesCommand(batch.map((s) => ({ ...s, occurredAt: new Date().toISOString() }))));
  const fast = orderBatches(total, batchSize, 'unpaced');
  const started = performance.now();
  for (const batch of fast) await record.execute(new RecordSalesCommand(batch.map((s) => ({ ...s, occurredAt: new Date().toISOString() }))));
  const seconds = (performance.now() - started) / 1000;
  console.log(`${backend} real-time, unpaced: ${total} sales in batches of ${batchSize}: ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} sales/s`);

  // Paced: sales arrive at `rate`/s; lag is from a sale's time until a metrics query that includes it returns.
  const paced = orderBatches(total, batchSize, 'paced');
  const t0 = Date.now() + 100;
  let scheduled = t0;
  const lags: number[] = [];
  for (const batch of paced) {
    const saleTime = scheduled;
    scheduled += (batch.length / rate) * 1000;
    if (saleTime > Date.now()) await new Promise((resolve) => setTimeout(resolve, saleTime - Date.now()));
    const occurredAt = new Date(saleTime).toISOString();
    await record.execute(new RecordSalesCommand(batch.map((s) => ({ ...s, occurredAt }))));
    const now = new Date();
    const visible = realtimeMetrics(batch[0].supplierId, await metrics.readBuckets('paced', batch[0].supplierId, metricsRangeAt(now)), now);
    if (visible.currencies.length === 0) throw new Error(`sale ${saleIdOf('order', batch[0].sourceId, 1)} not visible`);
    lags.push(Date.now() - saleTime);
  }
  const elapsed = (Date.now() - t0) / 1000;
  lags.sort((a, b) => a - b);
  console.log(
    `${backend} real-time at ${rate} sales/s offered: ${total} sales in ${elapsed.toFixed(2)} s = ${Math.round(total / elapsed)} sales/s achieved; ` +
      `lag sale→visible p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms, max ${lags[lags.length - 1]} ms`,
  );
}

async function dailyBench(sales: PostgresSalesRepository, daily: BuildDailyReportsHandler, total: number, backend: string) {
  const day = '2025-01-15';
  const batches = orderBatches(total, 5_000, 'daily');
  const loadStarted = performance.now();
  for (const batch of batches) {
    await sales.record(batch.map((s, i) => ({ ...s, saleId: saleIdOf(s.source, s.sourceId, s.lineNumber), occurredAt: `${day}T${String(i % 24).padStart(2, '0')}:00:00.000Z` })));
  }
  console.log(`${backend} daily batch: loaded ${total} sales into the ledger in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
  for (const run of ['first run', 're-run']) {
    const started = performance.now();
    const result = await daily.execute(new BuildDailyReportsCommand(day, 'daily'));
    const seconds = (performance.now() - started) / 1000;
    console.log(`${backend} daily batch (${run}): ${result.sales} sales, ${result.reports} supplier reports in ${seconds.toFixed(2)} s = ${Math.round(result.sales / seconds)} rows/s`);
  }
}

async function northwindCheck(record: RecordSalesHandler, daily: BuildDailyReportsHandler, db: DataSource, dir: string) {
  const northwind = loadNorthwind(dir);
  if (!northwind) {
    console.log(`Northwind check skipped: no data set at ${dir}`);
    return;
  }
  const started = performance.now();
  for (let i = 0; i < northwind.orders.length; i += 100) await record.execute(new RecordSalesCommand(northwind.orders.slice(i, i + 100).flat()));
  for (const day of northwind.days) await daily.execute(new BuildDailyReportsCommand(day, northwind.tenantId));
  const { rows } = await runSql<{ year: string; revenue: string }>(
    db,
    `SELECT extract(year FROM report_date)::text AS year, sum(revenue)::text AS revenue FROM sales_daily_summaries WHERE tenant_id = $1 GROUP BY 1 ORDER BY 1`,
    [northwind.tenantId],
  );
  const cents = (amount: InstanceType<typeof Exact>) => amount.toDecimalPlaces(2).toFixed(2);
  const byYear = Object.fromEntries(rows.map((r) => [r.year, cents(new Exact(r.revenue))]));
  const net = cents(rows.reduce((sum, r) => sum.plus(r.revenue), new Exact(0)));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Northwind: ${northwind.lines} order lines, ${northwind.days.length} daily report runs in ${seconds} s; totals of the daily summaries:`);
  const check = (label: string, actual: string, expected: string) => console.log(`  ${label}: ${actual} (published ${expected}) ${actual === expected ? 'OK' : 'MISMATCH'}`);
  check('net sales', net, NORTHWIND_EXPECTED.net);
  for (const [year, expected] of Object.entries(NORTHWIND_EXPECTED.years)) check(year, byYear[year] ?? '0.00', expected);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
