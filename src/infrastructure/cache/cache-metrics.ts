import { CounterMetric, Metrics } from '../../common/metrics/metrics.port';

type Labels = 'cache' | 'namespace';

/**
 * The cache's series, one set per metrics output. Hit rate per namespace (Prometheus):
 *   sum by (namespace) (rate(mercantil_cache_hits_total[5m]))
 *     / (sum by (namespace) (rate(mercantil_cache_hits_total[5m])) + sum by (namespace) (rate(mercantil_cache_misses_total[5m])))
 * and the same ratio of the two metrics' Sum statistics in CloudWatch metric math.
 */
export class CacheMetrics {
  readonly hits: CounterMetric<Labels>;
  readonly misses: CounterMetric<Labels>;
  readonly invalidations: CounterMetric<Labels>;
  readonly errors: CounterMetric<Labels | 'operation'>;
  private readonly sizes = new Map<string, () => number>();

  constructor(metrics: Metrics) {
    this.hits = metrics.counter({ name: 'mercantil_cache_hits_total', help: 'Cache reads answered from the cache', labelNames: ['cache', 'namespace'] });
    this.misses = metrics.counter({
      name: 'mercantil_cache_misses_total',
      help: 'Cache reads that found no valid entry (absent, expired, invalidated, or the cache unreachable)',
      labelNames: ['cache', 'namespace'],
    });
    this.invalidations = metrics.counter({
      name: 'mercantil_cache_invalidations_total',
      help: 'Tags invalidated (each makes every entry written with it unreadable)',
      labelNames: ['cache', 'namespace'],
    });
    this.errors = metrics.counter({
      name: 'mercantil_cache_errors_total',
      help: 'Cache operations that failed and were degraded to a miss or skipped',
      labelNames: ['cache', 'namespace', 'operation'],
    });
    metrics.gauge({
      name: 'mercantil_cache_entries',
      help: 'Entries held by an in-process cache (expired ones count until read or evicted)',
      labelNames: ['cache'],
      unit: 'Count',
      collect: async () => [...this.sizes].map(([cache, size]) => [{ cache }, size()] as const),
    });
  }

  trackEntries(cache: string, size: () => number): void {
    this.sizes.set(cache, size);
  }
}
