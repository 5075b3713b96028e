import { Registry } from 'prom-client';
import type { Cache } from '../../src/common/cache/cache.port';
import { CacheMetrics } from '../../src/infrastructure/cache/cache-metrics';
import { createInMemoryCache } from '../../src/infrastructure/cache/in-memory-cache.adapter';
import { PrometheusMetrics } from '../../src/infrastructure/observability/prometheus-metrics.adapter';

/** The embedded cache with its own metrics registry, for tests that build handlers by hand. */
export function inMemoryTestCache(): Cache {
  return createInMemoryCache({ maxEntries: 1000, defaultTtlSeconds: 60, metrics: new CacheMetrics(new PrometheusMetrics(new Registry())) });
}
