import type { LakeSchema } from '../../../common/lake/lake-schema';

export const SALES_DAILY_REPORTS_DATASET = 'sales_daily_reports';

/** One supplier's day in one currency: the summary row kept in Postgres and served by the reports API. */
export interface SupplierDailySummary {
  supplierId: string;
  /** YYYY-MM-DD (UTC). */
  date: string;
  currency: string;
  revenue: string;
  units: string;
  /** Distinct orders and invoices. */
  orders: number;
  averageOrderValue: string;
  commission: string;
  /** Sale lines. */
  sales: number;
  /** Distinct skus sold. */
  products: number;
  /** The supplier's Parquet report of the day in the data lake bucket. */
  reportKey: string;
}

/** One product of a supplier's daily report file; the schema documented in docs/lake/sales-daily-reports.md. */
export interface DailyReportRow {
  tenant_id: string;
  report_date: string;
  supplier_id: string;
  sku: string | null;
  product_name: string;
  category: string | null;
  currency: string;
  revenue: string;
  units: string;
  orders: number;
  commission: string;
  sales: number;
}

export const DAILY_REPORT_COLUMNS: LakeSchema<DailyReportRow> = [
  { name: 'tenant_id', type: 'string' },
  { name: 'report_date', type: 'string' },
  { name: 'supplier_id', type: 'string' },
  { name: 'sku', type: 'string', nullable: true },
  { name: 'product_name', type: 'string' },
  { name: 'category', type: 'string', nullable: true },
  { name: 'currency', type: 'string' },
  { name: 'revenue', type: 'decimal' },
  { name: 'units', type: 'decimal' },
  { name: 'orders', type: 'int32' },
  { name: 'commission', type: 'decimal' },
  { name: 'sales', type: 'int32' },
];

/** The summary's columns in CSV downloads, in this order. */
export const SUMMARY_CSV_COLUMNS: LakeSchema<SupplierDailySummary> = [
  { name: 'date', type: 'string' },
  { name: 'supplierId', type: 'string' },
  { name: 'currency', type: 'string' },
  { name: 'revenue', type: 'decimal' },
  { name: 'units', type: 'decimal' },
  { name: 'orders', type: 'int32' },
  { name: 'averageOrderValue', type: 'decimal' },
  { name: 'commission', type: 'decimal' },
  { name: 'sales', type: 'int32' },
  { name: 'products', type: 'int32' },
];

/** `sales_daily_reports/<partition>/supplier=<id>.parquet`, the id URI-encoded like the tenant. */
export function dailyReportKey(partition: string, supplierId: string): string {
  return `${SALES_DAILY_REPORTS_DATASET}/${partition}/supplier=${encodeURIComponent(supplierId)}.parquet`;
}

/** The UTC day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
