import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Cached } from '../../../../common/cache/cached.decorator';
import type { SupplierDailySummary } from '../../domain/daily-report';
import { SALES_REPOSITORY, SalesRepository } from '../../domain/sales-repository.port';
import { REPORTS_TTL_SECONDS, tenantReportsTag } from '../get-supplier-reports/get-supplier-reports.query';
import { GetDailyReportsQuery } from './get-daily-reports.query';

@QueryHandler(GetDailyReportsQuery)
export class GetDailyReportsHandler implements IQueryHandler<GetDailyReportsQuery> {
  constructor(@Inject(SALES_REPOSITORY) private readonly sales: SalesRepository) {}

  @Cached({
    namespace: 'sales.reports',
    key: (q: GetDailyReportsQuery) => ['day', q.tenantId, q.date],
    tags: (q) => [tenantReportsTag(q.tenantId)],
    ttlSeconds: REPORTS_TTL_SECONDS,
  })
  execute({ tenantId, date }: GetDailyReportsQuery): Promise<SupplierDailySummary[]> {
    return this.sales.daySummaries(tenantId, date);
  }
}
