import type { LakeTableName } from './lake-tables';
import type { Granularity, ReportDatasetName } from './report-request';

/**
 * What a report may name, per dataset: every identifier in a compiled query comes from here,
 * never from the request. `sql` is an expression over the dataset's lake table in the subset
 * DuckDB and Athena (Trino) share. Attributes group, filter and count; measures are exact
 * decimals (or integers) that aggregate and compare as numbers.
 */
export interface ReportField {
  sql: string;
  kind: 'attribute' | 'measure';
}

export interface ReportDataset {
  table: LakeTableName;
  /**
   * The row's instant, for the exact date-range filter; null when the dataset's date is its
   * partition day alone (invoices are dated by their issue day). Every dataset's partition day
   * is the UTC day of this instant, so the `date` dimension comes from the partition keys.
   */
  timestamp: string | null;
  fields: ReadonlyMap<string, ReportField>;
}

/**
 * The `date` dimension per granularity, from the partition keys (zero-padded strings): constant
 * per file, so engines compute it once per file rather than once per row (date_trunc over a
 * timestamp column was 5–10 times slower in DuckDB over 10 M rows).
 */
const PARTITION_DATE = `CAST(year || '-' || month || '-' || day AS DATE)`;
export const DATE_BUCKETS: Readonly<Record<Granularity, string>> = {
  day: PARTITION_DATE,
  week: `CAST(date_trunc('week', ${PARTITION_DATE}) AS DATE)`,
  month: `CAST(year || '-' || month || '-01' AS DATE)`,
};

const attribute = (sql: string): ReportField => ({ sql, kind: 'attribute' });
const measure = (sql: string): ReportField => ({ sql, kind: 'measure' });
/** invoice_lines is NDJSON: its decimals are text (docs/lake/invoice-lines.md). */
const decimalText = (column: string): ReportField => measure(`CAST(${column} AS DECIMAL(19,4))`);

export const REPORT_DATASET_DEFINITIONS: Readonly<Record<ReportDatasetName, ReportDataset>> = {
  sales: {
    table: 'sales',
    timestamp: 'occurred_at',
    fields: new Map([
      ['supplier', attribute('supplier_id')],
      ['product', attribute('sku')],
      ['product_name', attribute('product_name')],
      ['category', attribute('category')],
      ['customer', attribute('customer_id')],
      ['source', attribute('source')],
      ['source_id', attribute('source_id')],
      ['sale', attribute('sale_id')],
      ['currency', attribute('currency')],
      ['amount', measure('amount')],
      ['commission', measure('commission')],
      ['quantity', measure('quantity')],
      ['unit_price', measure('unit_price')],
    ]),
  },
  orders: {
    table: 'purchases',
    timestamp: 'order_created_at',
    fields: new Map([
      ['order', attribute('order_id')],
      ['customer', attribute('customer_id')],
      ['product', attribute('sku')],
      ['product_name', attribute('product_name')],
      ['status', attribute('order_status')],
      ['currency', attribute('currency')],
      ['amount', measure('line_amount')],
      ['quantity', measure('quantity')],
      ['unit_price', measure('unit_price')],
    ]),
  },
  invoices: {
    table: 'invoice_lines',
    timestamp: null,
    fields: new Map([
      ['invoice', attribute('invoice_id')],
      ['supplier', attribute('supplier_id')],
      ['product', attribute('sku')],
      ['status', attribute('match_status')],
      ['currency', attribute('currency')],
      ['amount', decimalText('line_total')],
      ['quantity', decimalText('quantity')],
      ['unit_price', decimalText('unit_price')],
      ['commission', decimalText('commission_amount')],
    ]),
  },
};

/** The dimension every dataset has: its day, week or month. */
export const DATE_FIELD = 'date';
