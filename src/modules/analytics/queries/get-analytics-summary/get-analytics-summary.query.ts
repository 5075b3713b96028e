import { Query } from '@nestjs/cqrs';
import type { AnalyticsSummary } from './analytics-summary';

/** Totals, averages and counts of a tenant's sales, orders and invoices over days `from`..`to` (UTC, inclusive). */
export class GetAnalyticsSummaryQuery extends Query<AnalyticsSummary> {
  constructor(
    readonly tenantId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
