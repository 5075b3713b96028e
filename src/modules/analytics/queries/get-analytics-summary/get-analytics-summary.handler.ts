import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import Decimal from 'decimal.js';
import type { AnalyticsValue } from '../../domain/analytics-engine.port';
import { exactAverage } from '../../domain/report-result';
import { RunReportQuery } from '../run-report/run-report.query';
import { AnalyticsSummary, summaryReports } from './analytics-summary';
import { GetAnalyticsSummaryQuery } from './get-analytics-summary.query';

const ZERO = '0.0000';

@QueryHandler(GetAnalyticsSummaryQuery)
export class GetAnalyticsSummaryHandler implements IQueryHandler<GetAnalyticsSummaryQuery> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ tenantId, from, to }: GetAnalyticsSummaryQuery): Promise<AnalyticsSummary> {
    const reports = summaryReports(from, to);
    const [sales, orders, invoices] = await Promise.all(
      [reports.sales, reports.orders, reports.invoices].map(async (request) => (await this.queries.execute(new RunReportQuery(tenantId, request))).rows[0]),
    );
    const orderRevenue = decimal(orders.revenue);
    const invoiceTotal = decimal(invoices.total);
    return {
      tenantId,
      from,
      to,
      sales: {
        sales: count(sales.sales),
        revenue: decimal(sales.revenue),
        commission: decimal(sales.commission),
        units: decimal(sales.units),
        average_sale: sales.average_sale as string | null,
        suppliers: count(sales.suppliers),
        customers: count(sales.customers),
      },
      orders: {
        orders: count(orders.orders),
        lines: count(orders.lines),
        revenue: orderRevenue,
        units: count(orders.units),
        customers: count(orders.customers),
        average_order_value: exactAverage(orderRevenue, count(orders.orders)),
      },
      invoices: {
        invoices: count(invoices.invoices),
        lines: count(invoices.lines),
        total: invoiceTotal,
        commission: decimal(invoices.commission),
        average_invoice_total: exactAverage(invoiceTotal, count(invoices.invoices)),
      },
    };
  }
}

const count = (value: AnalyticsValue | undefined) => Number(value ?? 0);
/** A sum over no rows is NULL in SQL; the summary says zero. */
const decimal = (value: AnalyticsValue | undefined) => (value === null || value === undefined ? ZERO : new Decimal(String(value)).toFixed(4));
