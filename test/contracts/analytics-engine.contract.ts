import { AnalyticsEngine, AnalyticsQuery, AnalyticsResult } from '../../src/modules/analytics/domain/analytics-engine.port';
import { compileReport } from '../../src/modules/analytics/domain/report-compiler';
import type { InvoiceLakeRow } from '../../src/modules/invoices';
import type { SaleRow } from '../../src/modules/sales';
import { invoiceLine, sale } from '../support/analytics-lake';

/** The lake every engine answers over: two tenants' sales and one tenant's invoice lines; no purchases at all. */
export const CONTRACT_SALES: SaleRow[] = [
  sale({ tenant_id: 'ct-a', sale_id: 'order:o1:1', occurred_at: '2024-03-05T10:00:00.000Z', supplier_id: 's1', amount: '12.3456', commission: '1.2346', quantity: '2' }),
  sale({ tenant_id: 'ct-a', sale_id: 'order:o2:1', occurred_at: '2024-03-31T23:59:59.999Z', supplier_id: 's1', amount: '18.5186', commission: '1.8519', category: null }),
  sale({ tenant_id: 'ct-a', sale_id: 'order:o3:1', occurred_at: '2024-04-01T00:00:00.000Z', supplier_id: 's2', amount: '999999999999.9999', commission: '0.0001' }),
  sale({ tenant_id: 'ct-b', sale_id: 'order:o9:1', occurred_at: '2024-03-05T10:00:00.000Z', supplier_id: 's1', amount: '5.00', commission: '0.50' }),
];

export const CONTRACT_INVOICE_LINES: InvoiceLakeRow[] = [
  invoiceLine({ tenant_id: 'ct-a', invoice_id: 'i1', position: 0, line_total: '10.005', commission_amount: '1.00' }),
  invoiceLine({ tenant_id: 'ct-a', invoice_id: 'i1', position: 1, line_total: null, commission_amount: null, match_status: 'review' }),
  invoiceLine({ tenant_id: 'ct-a', invoice_id: 'i2', position: 0, line_total: '0.0050', issue_date: '2024-04-02', commission_amount: '0.01' }),
];

export interface ContractCase {
  name: string;
  query: AnalyticsQuery;
  expected: AnalyticsResult;
}

const monthlyReport = compileReport('ct-a', {
  dataset: 'sales',
  dimensions: [{ field: 'date', granularity: 'month' }],
  metrics: [{ fn: 'sum', field: 'amount', as: 'revenue' }, { fn: 'count' }],
  from: '2024-03-01',
  to: '2024-04-30',
});

/** The query shapes every engine must answer the same way, with the same typed rows. */
export const ANALYTICS_ENGINE_CASES: ContractCase[] = [
  {
    name: 'sums decimals exactly, counts as integers, per group',
    query: {
      sql: 'SELECT supplier_id, SUM(amount) AS revenue, SUM(commission) AS commission, COUNT(*) AS sales FROM sales WHERE tenant_id = ? GROUP BY 1 ORDER BY 1',
      params: ['ct-a'],
      tables: ['sales'],
    },
    expected: {
      columns: [
        { name: 'supplier_id', type: 'string' },
        { name: 'revenue', type: 'decimal' },
        { name: 'commission', type: 'decimal' },
        { name: 'sales', type: 'integer' },
      ],
      rows: [
        { supplier_id: 's1', revenue: '30.8642', commission: '3.0865', sales: 2 },
        { supplier_id: 's2', revenue: '999999999999.9999', commission: '0.0001', sales: 1 },
      ],
    },
  },
  {
    name: 'binds a string parameter as a value, quotes and all',
    query: { sql: 'SELECT COUNT(*) AS sales FROM sales WHERE tenant_id = ?', params: ["ct-a' OR '1'='1"], tables: ['sales'] },
    expected: { columns: [{ name: 'sales', type: 'integer' }], rows: [{ sales: 0 }] },
  },
  {
    name: 'returns dates as days and timestamps as UTC instants, nulls as null',
    query: {
      sql: `SELECT CAST(date_trunc('month', occurred_at) AS DATE) AS month, MIN(occurred_at) AS first_sale, MAX(category) AS category FROM sales WHERE tenant_id = ? AND sale_id = ? GROUP BY 1`,
      params: ['ct-a', 'order:o2:1'],
      tables: ['sales'],
    },
    expected: {
      columns: [
        { name: 'month', type: 'date' },
        { name: 'first_sale', type: 'timestamp' },
        { name: 'category', type: 'string' },
      ],
      rows: [{ month: '2024-03-01', first_sale: '2024-03-31T23:59:59.999Z', category: null }],
    },
  },
  {
    name: 'reads invoice_lines NDJSON with its decimals cast, and its partitions as strings',
    query: {
      sql: `SELECT month, SUM(CAST(line_total AS DECIMAL(19,4))) AS total, COUNT(DISTINCT invoice_id) AS invoices FROM invoice_lines WHERE tenant = ? GROUP BY 1 ORDER BY 1`,
      params: ['ct-a'],
      tables: ['invoice_lines'],
    },
    expected: {
      columns: [
        { name: 'month', type: 'string' },
        { name: 'total', type: 'decimal' },
        { name: 'invoices', type: 'integer' },
      ],
      rows: [
        { month: '03', total: '10.0050', invoices: 1 },
        { month: '04', total: '0.0050', invoices: 1 },
      ],
    },
  },
  {
    name: 'reads a table with no files as empty',
    query: { sql: 'SELECT COUNT(*) AS orders, SUM(line_amount) AS revenue FROM purchases WHERE tenant_id = ?', params: ['ct-a'], tables: ['purchases'] },
    expected: {
      columns: [
        { name: 'orders', type: 'integer' },
        { name: 'revenue', type: 'decimal' },
      ],
      rows: [{ orders: 0, revenue: null }],
    },
  },
  {
    name: 'runs a compiled report: tenant, partition and instant filters',
    query: monthlyReport.query,
    expected: {
      columns: [
        { name: 'date', type: 'date' },
        { name: 'revenue', type: 'decimal' },
        { name: 'count', type: 'integer' },
      ],
      rows: [
        { date: '2024-03-01', revenue: '30.8642', count: 2 },
        { date: '2024-04-01', revenue: '999999999999.9999', count: 1 },
      ],
    },
  },
];

/** One suite for every AnalyticsEngine adapter; `engine()` answers over the lake above. */
export function analyticsEngineContract(name: string, engine: () => AnalyticsEngine, cases: readonly ContractCase[] = ANALYTICS_ENGINE_CASES): void {
  describe(`AnalyticsEngine contract: ${name}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, contractCase) => {
      expect(await engine().run(contractCase.query)).toEqual(contractCase.expected);
    });
  });
}
