import type { DailyReportRow, SupplierDailySummary } from './daily-report';
import type { Sale } from './sale';

/** The sales ledger (Postgres on every profile, Aurora on AWS): the truth the daily reports are built from. */
export const SALES_REPOSITORY = Symbol('SALES_REPOSITORY');

/** A supplier's day before its report key and average are known. */
export type SupplierDayTotals = Omit<SupplierDailySummary, 'averageOrderValue' | 'reportKey'>;

export interface SalesRepository {
  /**
   * Inserts the sales, or updates those recorded before, in one statement. A sale keeps the
   * time it was first recorded. Resolves the sales as stored.
   */
  record(sales: readonly Sale[]): Promise<Sale[]>;
  /** The tenants with sales on the UTC day, or just `tenantId` when given. */
  tenantsWithSales(day: string, tenantId?: string): Promise<string[]>;
  /** The day's sales of the tenant, by sale id. */
  salesOn(tenantId: string, day: string): Promise<Sale[]>;
  /** The day's totals per supplier and currency, and per supplier, currency and product (ordered). */
  dayTotals(tenantId: string, day: string): Promise<{ suppliers: SupplierDayTotals[]; products: DailyReportRow[] }>;
  /** Replaces the tenant's summaries of the day with these, in one transaction. */
  replaceSummaries(tenantId: string, day: string, summaries: readonly SupplierDailySummary[]): Promise<void>;
  /** The supplier's summaries from `from` to `to` (inclusive), by date and currency. */
  supplierSummaries(tenantId: string, supplierId: string, from: string, to: string): Promise<SupplierDailySummary[]>;
  /** Every supplier's summary of the day, by supplier and currency. */
  daySummaries(tenantId: string, day: string): Promise<SupplierDailySummary[]>;
}
