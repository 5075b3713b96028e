import { Query } from '@nestjs/cqrs';
import type { SupplierDailySummary } from '../../domain/daily-report';

/** Every supplier's summary of one day (YYYY-MM-DD). */
export class GetDailyReportsQuery extends Query<SupplierDailySummary[]> {
  constructor(
    readonly tenantId: string,
    readonly date: string,
  ) {
    super();
  }
}
