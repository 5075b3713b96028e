import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Cached } from '../../../../common/cache/cached.decorator';
import { metricsRangeAt, RealtimeMetrics, realtimeMetrics } from '../../domain/realtime-metrics';
import { SALES_METRICS_STORE, SalesMetricsStore } from '../../domain/sales-metrics-store.port';
import { GetRealtimeMetricsQuery, supplierMetricsTag } from './get-realtime-metrics.query';

/**
 * Cached for one second: the windows move with the clock, and a new sale of the supplier
 * invalidates the entry at once, so a sale is visible as soon as it is counted.
 */
@QueryHandler(GetRealtimeMetricsQuery)
export class GetRealtimeMetricsHandler implements IQueryHandler<GetRealtimeMetricsQuery> {
  constructor(@Inject(SALES_METRICS_STORE) private readonly metrics: SalesMetricsStore) {}

  @Cached({
    namespace: 'sales.realtime',
    key: (q: GetRealtimeMetricsQuery) => [q.tenantId, q.supplierId],
    tags: (q) => [supplierMetricsTag(q.tenantId, q.supplierId)],
    ttlSeconds: 1,
  })
  async execute({ tenantId, supplierId }: GetRealtimeMetricsQuery): Promise<RealtimeMetrics> {
    const now = new Date();
    return realtimeMetrics(supplierId, await this.metrics.readBuckets(tenantId, supplierId, metricsRangeAt(now)), now);
  }
}
