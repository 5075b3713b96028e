import type { ReportMetric, ReportRequest } from '../../domain/report-request';

/** Decimal figures are exact text with 4 decimals; counts are numbers. Averages are null over no rows. */
export interface AnalyticsSummary {
  tenantId: string;
  from: string;
  to: string;
  sales: { sales: number; revenue: string; commission: string; units: string; average_sale: string | null; suppliers: number; customers: number };
  /** Orders that were not cancelled and did not fail payment; each order counted once. */
  orders: { orders: number; lines: number; revenue: string; units: number; customers: number; average_order_value: string | null };
  invoices: { invoices: number; lines: number; total: string; commission: string; average_invoice_total: string | null };
}

/** Orders that never became sales: left out of order revenue. */
export const NOT_REVENUE_STATUSES = ['CANCELLED', 'PAYMENT_FAILED'];

const sum = (field: string, as: string): ReportMetric => ({ fn: 'sum', field, as });
const distinct = (field: string, as: string): ReportMetric => ({ fn: 'count_distinct', field, as });

/** The summary as three reports without dimensions, so it runs through the same compiler, engine and cache. */
export function summaryReports(from: string, to: string): Record<'sales' | 'orders' | 'invoices', ReportRequest> {
  return {
    sales: {
      dataset: 'sales',
      from,
      to,
      metrics: [{ fn: 'count', as: 'sales' }, sum('amount', 'revenue'), sum('commission', 'commission'), sum('quantity', 'units'), { fn: 'avg', field: 'amount', as: 'average_sale' }, distinct('supplier', 'suppliers'), distinct('customer', 'customers')],
    },
    orders: {
      dataset: 'orders',
      from,
      to,
      metrics: [distinct('order', 'orders'), { fn: 'count', as: 'lines' }, sum('amount', 'revenue'), sum('quantity', 'units'), distinct('customer', 'customers')],
      filters: [{ field: 'status', op: 'nin', values: NOT_REVENUE_STATUSES }],
    },
    invoices: {
      dataset: 'invoices',
      from,
      to,
      metrics: [distinct('invoice', 'invoices'), { fn: 'count', as: 'lines' }, sum('amount', 'total'), sum('commission', 'commission')],
    },
  };
}
