import type { MetricBucket } from './metric-buckets';
import type { MetricsRange } from './realtime-metrics';
import type { SaleContribution } from './sale-contribution';

/** Real-time per-supplier and per-product metric buckets (Postgres, or DynamoDB on AWS). */
export const SALES_METRICS_STORE = Symbol('SALES_METRICS_STORE');

export interface SalesMetricsStore {
  /**
   * Counts each sale exactly once, however often it is applied: a sale seen before with the
   * same contribution changes nothing; with another contribution (a corrected invoice line)
   * its old figures leave the buckets they were counted in and its new ones are added. The marks and
   * the bucket increments of a batch commit together, so a crash or a redelivery never
   * counts a sale twice nor loses one. Resolves the number of sales whose counting changed.
   */
  apply(contributions: readonly SaleContribution[]): Promise<number>;
  /** The supplier's buckets of the range: its day and hour buckets and its minute buckets from minuteFrom to minuteTo. */
  readBuckets(tenantId: string, supplierId: string, range: MetricsRange): Promise<MetricBucket[]>;
  /**
   * Forgets the buckets that started more than BUCKET_RETENTION_SECONDS before `now`, which no
   * window reads any more; resolves how many it dropped. A store whose buckets expire by
   * themselves (DynamoDB's TTL) drops none here.
   */
  expire(now: Date): Promise<number>;
}
