import { Query } from '@nestjs/cqrs';
import { cacheKey } from '../../../../common/cache/cache.port';
import type { RealtimeMetrics } from '../../domain/realtime-metrics';

export class GetRealtimeMetricsQuery extends Query<RealtimeMetrics> {
  constructor(
    readonly tenantId: string,
    readonly supplierId: string,
  ) {
    super();
  }
}

/** The cache tag of a supplier's real-time metrics, invalidated by every sale of the supplier. */
export const supplierMetricsTag = (tenantId: string, supplierId: string): string => cacheKey('sales', tenantId, supplierId);
