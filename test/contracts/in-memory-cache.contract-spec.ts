import { Registry } from 'prom-client';
import { CacheMetrics } from '../../src/infrastructure/cache/cache-metrics';
import { PrometheusMetrics } from '../../src/infrastructure/observability/prometheus-metrics.adapter';
import { createInMemoryCache } from '../../src/infrastructure/cache/in-memory-cache.adapter';
import { describeCacheContract } from './cache.contract';

describeCacheContract('in memory', async () => {
  let clock = Date.parse('2024-05-01T00:00:00Z');
  return {
    open: async (metrics) => createInMemoryCache({ maxEntries: 1_000, defaultTtlSeconds: 60, metrics, now: () => clock }),
    elapse: async (ms) => void (clock += ms),
    sharedAcrossInstances: false,
    close: async () => undefined,
  };
});

describe('In-memory cache specifics', () => {
  let clock = 0;
  const open = (maxEntries: number, metrics = new CacheMetrics(new PrometheusMetrics(new Registry()))) =>
    createInMemoryCache({ maxEntries, defaultTtlSeconds: 30, metrics, now: () => clock });

  it('evicts the least recently used entry beyond maxEntries, a read counting as a use', async () => {
    const cache = open(3);
    for (const key of ['a', 'b', 'c']) await cache.set(key, key, 60);
    expect(await cache.get('a')).toBe('a');
    await cache.set('d', 'd', 60);
    expect(await cache.get('b')).toBeUndefined();
    expect(await Promise.all(['a', 'c', 'd'].map((k) => cache.get(k)))).toEqual(['a', 'c', 'd']);
  });

  it('reports the entries it holds as a gauge, and drops expired ones when they are read', async () => {
    const registry = new Registry();
    const cache = open(10, new CacheMetrics(new PrometheusMetrics(registry)));
    await cache.set('x', 1, 1);
    await cache.namespace('sales').set('x', 2, 60);
    expect(await registry.getSingleMetricAsString('mercantil_cache_entries')).toContain('mercantil_cache_entries{cache="memory"} 2');
    clock += 1_000;
    expect(await cache.get('x')).toBeUndefined();
    expect(await registry.getSingleMetricAsString('mercantil_cache_entries')).toContain('mercantil_cache_entries{cache="memory"} 1');
  });

  it('exposes the configured default TTL to callers that do not choose one', () => {
    expect(open(1).namespace('sales').defaultTtlSeconds).toBe(30);
  });
});
