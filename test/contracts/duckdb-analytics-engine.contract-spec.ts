import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbAnalyticsEngine } from '../../src/modules/analytics/adapters/duckdb-analytics-engine.adapter';
import { writeInvoiceLines, writeSales } from '../support/analytics-lake';
import { analyticsEngineContract, CONTRACT_INVOICE_LINES, CONTRACT_SALES } from './analytics-engine.contract';

const lakeRoot = mkdtempSync(join(tmpdir(), 'mercantil-duck-contract-'));
const engine = new DuckDbAnalyticsEngine(lakeRoot);

beforeAll(async () => {
  await writeSales(lakeRoot, CONTRACT_SALES);
  writeInvoiceLines(lakeRoot, CONTRACT_INVOICE_LINES);
});
afterAll(async () => {
  await engine.onModuleDestroy();
  rmSync(lakeRoot, { recursive: true, force: true });
});

analyticsEngineContract('DuckDB over the local lake', () => engine);

describe('DuckDbAnalyticsEngine', () => {
  it('reports a query error as an AnalyticsQueryError', async () => {
    await expect(engine.run({ sql: 'SELECT nope FROM sales', params: [], tables: ['sales'] })).rejects.toThrow(/DuckDB query failed/);
  });

  it('runs queries concurrently, each with its own views', async () => {
    const counts = await Promise.all(
      ['ct-a', 'ct-b', 'ct-a', 'none'].map((tenant) => engine.run({ sql: 'SELECT COUNT(*) AS n FROM sales WHERE tenant_id = ?', params: [tenant], tables: ['sales'] })),
    );
    expect(counts.map((c) => c.rows[0].n)).toEqual([3, 1, 3, 0]);
  });
});
