import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeSchemaNdjson } from '../../src/common/lake/ndjson.encoder';
import { encodeParquet } from '../../src/common/lake/parquet.encoder';
import { partitionPath, utcDayOf } from '../../src/common/lake/partition-path';
import { INVOICE_LINE_COLUMNS, INVOICE_LINES_DATASET, InvoiceLakeRow } from '../../src/modules/invoices';
import { DAILY_REPORT_COLUMNS, DailyReportRow, SALE_COLUMNS, SALES_DATASET, SaleRow } from '../../src/modules/sales';
import { dailyReportKey } from '../../src/modules/sales/domain/daily-report';

/** Groups rows by tenant and day, as every lake writer partitions them. */
function byPartition<R extends { tenant_id: string }>(rows: readonly R[], dayOf: (row: R) => string): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const partition = partitionPath(row.tenant_id, dayOf(row));
    groups.set(partition, [...(groups.get(partition) ?? []), row]);
  }
  return groups;
}

function write(lakeRoot: string, key: string, body: Buffer): void {
  const path = join(lakeRoot, ...key.split('/'));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
}

/**
 * Sales files as the Sales module's daily batch writes them: one Parquet file per tenant and
 * day under `sales/`, through the shared encoder and SALE_COLUMNS. `lakeRoot` is the data-lake
 * bucket's directory (`<DATA_DIR>/objects/<BUCKET_DATA_LAKE>`).
 */
export async function writeSales(lakeRoot: string, rows: readonly SaleRow[], name = 'sales'): Promise<void> {
  for (const [partition, group] of byPartition(rows, (row) => utcDayOf(row.occurred_at))) {
    write(lakeRoot, `${SALES_DATASET}/${partition}/${name}.parquet`, await encodeParquet(SALE_COLUMNS, group));
  }
}

/** sales_daily_reports files as the daily batch writes them: one Parquet file per supplier and day. */
export async function writeDailyReports(lakeRoot: string, rows: readonly DailyReportRow[]): Promise<void> {
  for (const [partition, group] of byPartition(rows, (row) => row.report_date)) {
    for (const supplierId of new Set(group.map((row) => row.supplier_id))) {
      write(lakeRoot, dailyReportKey(partition, supplierId), await encodeParquet(DAILY_REPORT_COLUMNS, group.filter((row) => row.supplier_id === supplierId)));
    }
  }
}

/** invoice_lines files as the invoice pipeline writes them: NDJSON per invoice, dated by the issue day. */
export function writeInvoiceLines(lakeRoot: string, rows: readonly InvoiceLakeRow[]): void {
  const invoices = new Map<string, InvoiceLakeRow[]>();
  for (const row of rows) invoices.set(row.invoice_id, [...(invoices.get(row.invoice_id) ?? []), row]);
  for (const lines of invoices.values()) {
    const day = lines[0].issue_date ?? utcDayOf(lines[0].processed_at);
    const key = `${INVOICE_LINES_DATASET}/${partitionPath(lines[0].tenant_id, day)}/${lines[0].invoice_id}.ndjson`;
    write(lakeRoot, key, encodeSchemaNdjson(INVOICE_LINE_COLUMNS, lines));
  }
}

export function sale(overrides: Partial<SaleRow> & Pick<SaleRow, 'tenant_id' | 'sale_id' | 'occurred_at'>): SaleRow {
  return {
    source: 'order',
    source_id: overrides.sale_id.split(':')[1] ?? overrides.sale_id,
    line_number: 1,
    supplier_id: 'sup-1',
    sku: 'SKU-1',
    product_name: 'Producto',
    category: 'general',
    customer_id: 'cust-1',
    quantity: '1',
    unit_price: '1.00',
    amount: '1.00',
    commission: '0.10',
    currency: 'EUR',
    ...overrides,
  };
}

export function invoiceLine(overrides: Partial<InvoiceLakeRow> & Pick<InvoiceLakeRow, 'tenant_id' | 'invoice_id' | 'position'>): InvoiceLakeRow {
  return {
    supplier_id: 'sup-1',
    invoice_number: 'F-1',
    issue_date: '2024-03-05',
    currency: 'EUR',
    line_id: `${overrides.invoice_id}-${overrides.position}`,
    description: 'Línea',
    supplier_code: null,
    quantity: '1',
    unit: null,
    unit_price: '1.00',
    line_total: '1.00',
    sku: 'SKU-1',
    match_confidence: 0.9,
    match_status: 'matched',
    commission_amount: '0.10',
    commission_rule_id: 'none',
    processed_at: '2024-03-05T12:00:00.000Z',
    ...overrides,
  };
}
