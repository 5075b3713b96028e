import { InvalidInputError } from '../../../common/errors/application-errors';
import { compileReport } from './report-compiler';
import { ReportRequest } from './report-request';
import { reportCsv, shapeReport } from './report-result';

const base: ReportRequest = { dataset: 'sales', metrics: [{ fn: 'sum', field: 'amount', as: 'revenue' }], from: '2024-01-01', to: '2024-12-31' };
const compile = (request: Partial<ReportRequest>) => compileReport('acme', { ...base, ...request } as ReportRequest);
const refused = (request: Partial<ReportRequest>) => expect(() => compile(request)).toThrow(InvalidInputError);

describe('compileReport', () => {
  it('compiles revenue by month and supplier to one parameterised query over the sales table', () => {
    const { query, columns, limit } = compile({
      dimensions: [{ field: 'date', granularity: 'month' }, { field: 'supplier' }],
      sort: [{ by: 'revenue', direction: 'desc' }],
      limit: 20,
    });
    expect(query.tables).toEqual(['sales']);
    expect(query.sql).toBe(
      [
        `SELECT CAST(year || '-' || month || '-01' AS DATE) AS "date", supplier_id AS "supplier", SUM(amount) AS "revenue"`,
        `FROM sales`,
        `WHERE tenant = ? AND tenant_id = ? AND year BETWEEN ? AND ? AND year || '-' || month || '-' || day BETWEEN ? AND ?` +
          ` AND occurred_at >= CAST(? AS TIMESTAMP) AND occurred_at < CAST(? AS TIMESTAMP)`,
        `GROUP BY 1, 2`,
        `ORDER BY "revenue" DESC NULLS LAST, "date" ASC NULLS LAST, "supplier" ASC NULLS LAST`,
        `LIMIT 21`,
      ].join('\n'),
    );
    expect(query.params).toEqual(['acme', 'acme', '2024', '2024', '2024-01-01', '2024-12-31', '2024-01-01 00:00:00.000', '2025-01-01 00:00:00.000']);
    expect(columns).toEqual(['date', 'supplier', 'revenue']);
    expect(limit).toBe(20);
  });

  it('always scopes to the given tenant, first in the WHERE clause, whatever the request says', () => {
    const { query } = compile({ filters: [{ field: 'supplier', op: 'eq', value: 'other-tenant' }] });
    expect(query.sql).toMatch(/WHERE tenant = \? AND tenant_id = \? AND/);
    expect(query.params.slice(0, 2)).toEqual(['acme', 'acme']);
    // The tenant is not a field a request can name.
    refused({ filters: [{ field: 'tenant_id', op: 'eq', value: 'acme' }] });
    refused({ dimensions: [{ field: 'tenant' }] });
  });

  it('binds every filter value, quotes and SQL included, and never writes it into the SQL', () => {
    const evil = "x' OR '1'='1'; DROP TABLE sales; --";
    const { query } = compile({
      filters: [
        { field: 'supplier', op: 'in', values: [evil, 'sup-2'] },
        { field: 'category', op: 'ne', value: 'a"b' },
        { field: 'amount', op: 'between', values: ['10', 20.5] },
        { field: 'customer', op: 'nin', values: ['c1'] },
      ],
    });
    expect(query.sql).not.toContain('DROP');
    expect(query.sql).not.toContain("'1'");
    expect(query.sql).toContain('supplier_id IN (?, ?)');
    expect(query.sql).toContain('category IS DISTINCT FROM ?');
    expect(query.sql).toContain('amount BETWEEN CAST(? AS DECIMAL(19,4)) AND CAST(? AS DECIMAL(19,4))');
    expect(query.sql).toContain('(customer_id IS NULL OR customer_id NOT IN (?))');
    expect(query.params.slice(8)).toEqual([evil, 'sup-2', 'a"b', '10', '20.5', 'c1']);
    expect(query.sql.split('?').length - 1).toBe(query.params.length);
  });

  it('refuses identifiers outside the whitelist: dimensions, metric fields, filters, sorts, aliases, datasets', () => {
    refused({ dimensions: [{ field: 'supplier_id; DROP TABLE sales' }] });
    refused({ dimensions: [{ field: 'supplier_id' }] });
    refused({ dimensions: [{ field: 'supplier', granularity: 'month' }] });
    refused({ metrics: [{ fn: 'sum', field: 'amount) FROM sales; --' }] });
    refused({ metrics: [{ fn: 'sum', field: 'supplier' }] });
    refused({ metrics: [{ fn: 'sum', field: 'amount', as: 'x" FROM sales --' }] });
    refused({ metrics: [{ fn: 'exec' as 'sum', field: 'amount' }] });
    refused({ metrics: [] });
    refused({ filters: [{ field: 'amount', op: 'eq', value: '1; DROP' }] });
    refused({ filters: [{ field: 'supplier', op: 'like' as 'eq', value: '%' }] });
    refused({ filters: [{ field: 'supplier', op: 'between', values: ['a'] }] });
    refused({ filters: [{ field: 'supplier', op: 'eq', value: 3 }] });
    refused({ sort: [{ by: 'amount; DROP TABLE sales' }] });
    refused({ dataset: 'constructor' as 'sales' });
    refused({ dataset: '__proto__' as 'sales' });
    refused({ dimensions: [{ field: 'supplier' }], metrics: [{ fn: 'count', as: 'supplier' }] });
  });

  it('refuses bad dates and limits', () => {
    refused({ from: '2024-02-30' });
    refused({ from: '2024-03-01', to: '2024-02-01' });
    refused({ to: "2024-01-01' OR 1=1" });
    refused({ limit: 10_001 });
    refused({ limit: 0 });
    expect(compile({ limit: 10_000 }).query.sql).toMatch(/LIMIT 10001$/);
  });

  it('counts, distinct counts and averages with exact helper columns', () => {
    const { query, averages, columns } = compile({
      metrics: [{ fn: 'count' }, { fn: 'count_distinct', field: 'customer', as: 'customers' }, { fn: 'avg', field: 'amount' }, { fn: 'max', field: 'amount' }],
    });
    expect(query.sql).toMatch(/^SELECT COUNT\(\*\) AS "count", COUNT\(DISTINCT customer_id\) AS "customers", AVG\(amount\) AS "avg_amount", MAX\(amount\) AS "max_amount", SUM\(amount\) AS "__avg_amount_sum", COUNT\(amount\) AS "__avg_amount_count"\n/);
    expect(query.sql).not.toContain('GROUP BY');
    expect(columns).toEqual(['count', 'customers', 'avg_amount', 'max_amount']);
    expect(averages).toEqual([{ alias: 'avg_amount', sum: '__avg_amount_sum', count: '__avg_amount_count' }]);
  });

  it('dates invoices by their partition day and casts their NDJSON decimals', () => {
    const { query } = compileReport('acme', {
      dataset: 'invoices',
      dimensions: [{ field: 'date', granularity: 'week' }],
      metrics: [{ fn: 'sum', field: 'amount' }],
      from: '2024-03-01',
      to: '2024-03-31',
    });
    expect(query.tables).toEqual(['invoice_lines']);
    expect(query.sql).toContain(`CAST(date_trunc('week', CAST(year || '-' || month || '-' || day AS DATE)) AS DATE) AS "date"`);
    expect(query.sql).toContain('SUM(CAST(line_total AS DECIMAL(19,4))) AS "sum_amount"');
    expect(query.sql).not.toContain('TIMESTAMP');
  });

  it('orders by the purchases table columns', () => {
    const { query } = compileReport('acme', { dataset: 'orders', dimensions: [{ field: 'status' }], metrics: [{ fn: 'count_distinct', field: 'order' }], from: '2024-01-01', to: '2024-01-31' });
    expect(query.sql).toContain('order_status AS "status", COUNT(DISTINCT order_id) AS "count_distinct_order"\nFROM purchases');
    expect(query.sql).toContain('order_created_at >= CAST(? AS TIMESTAMP)');
  });

  it('keeps to SQL both DuckDB and Athena (Trino) accept', () => {
    const { query } = compile({
      dimensions: [{ field: 'date', granularity: 'week' }, { field: 'category' }],
      metrics: [{ fn: 'avg', field: 'amount' }, { fn: 'count_distinct', field: 'customer' }],
      filters: [{ field: 'supplier', op: 'nin', values: ['a'] }],
      sort: [{ by: 'avg_amount', direction: 'desc' }],
    });
    // No engine-specific syntax: DuckDB's `::` casts, GROUP BY ALL, ILIKE, backtick identifiers, named parameters.
    for (const dialectOnly of ['::', 'GROUP BY ALL', 'ILIKE', '`', '$1', 'QUALIFY', 'EXCLUDE']) expect(query.sql).not.toContain(dialectOnly);
  });
});

describe('shapeReport', () => {
  const compiled = compile({ dimensions: [{ field: 'supplier' }], metrics: [{ fn: 'avg', field: 'amount', as: 'avg_sale' }], limit: 2 });
  const result = {
    columns: [
      { name: 'supplier', type: 'string' as const },
      { name: 'avg_sale', type: 'double' as const },
      { name: '__avg_sale_sum', type: 'decimal' as const },
      { name: '__avg_sale_count', type: 'integer' as const },
    ],
    rows: [
      { supplier: 's1', avg_sale: 3.3333333333333335, __avg_sale_sum: '10.0000', __avg_sale_count: 3 },
      { supplier: 's2', avg_sale: 0.00005, __avg_sale_sum: '0.0001', __avg_sale_count: 2 },
      { supplier: 's3', avg_sale: 1, __avg_sale_sum: '1.0000', __avg_sale_count: 1 },
    ],
  };

  it('replaces averages with exact ones, drops helper columns and cuts to the limit', () => {
    expect(shapeReport(compiled, result)).toEqual({
      columns: [{ name: 'supplier', type: 'string' }, { name: 'avg_sale', type: 'decimal' }],
      rows: [{ supplier: 's1', avg_sale: '3.3333' }, { supplier: 's2', avg_sale: '0.0001' }],
      truncated: true,
    });
  });

  it('writes CSV with a header row and empty fields for nulls', () => {
    expect(reportCsv({ columns: [{ name: 'supplier', type: 'string' }, { name: 'total', type: 'decimal' }], rows: [{ supplier: 'a, "b"', total: null }] })).toBe(
      'supplier,total\r\n"a, ""b""",\r\n',
    );
  });
});
