import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Cached } from '../../../../common/cache/cached.decorator';
import type { SupplierDailySummary } from '../../domain/daily-report';
import { SALES_REPOSITORY, SalesRepository } from '../../domain/sales-repository.port';
import { GetSupplierReportsQuery, REPORTS_TTL_SECONDS, tenantReportsTag } from './get-supplier-reports.query';

@QueryHandler(GetSupplierReportsQuery)
export class GetSupplierReportsHandler implements IQueryHandler<GetSupplierReportsQuery> {
  constructor(@Inject(SALES_REPOSITORY) private readonly sales: SalesRepository) {}

  @Cached({
    namespace: 'sales.reports',
    key: (q: GetSupplierReportsQuery) => ['supplier', q.tenantId, q.supplierId, q.from, q.to],
    tags: (q) => [tenantReportsTag(q.tenantId)],
    ttlSeconds: REPORTS_TTL_SECONDS,
  })
  execute({ tenantId, supplierId, from, to }: GetSupplierReportsQuery): Promise<SupplierDailySummary[]> {
    return this.sales.supplierSummaries(tenantId, supplierId, from, to);
  }
}
