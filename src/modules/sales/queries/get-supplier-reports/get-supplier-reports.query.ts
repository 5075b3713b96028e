import { Query } from '@nestjs/cqrs';
import { cacheKey } from '../../../../common/cache/cache.port';
import type { SupplierDailySummary } from '../../domain/daily-report';

/** The supplier's daily summaries from `from` to `to` (YYYY-MM-DD, inclusive). */
export class GetSupplierReportsQuery extends Query<SupplierDailySummary[]> {
  constructor(
    readonly tenantId: string,
    readonly supplierId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

/** The cache tag of a tenant's daily reports, invalidated whenever the batch rebuilds one of its days. */
export const tenantReportsTag = (tenantId: string): string => cacheKey('sales-reports', tenantId);
export const REPORTS_TTL_SECONDS = 300;
