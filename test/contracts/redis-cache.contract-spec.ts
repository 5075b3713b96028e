import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import Redis from 'ioredis';
import { CacheMetrics } from '../../src/infrastructure/cache/cache-metrics';
import { PrometheusMetrics } from '../../src/infrastructure/observability/prometheus-metrics.adapter';
import { createRedisCache } from '../../src/infrastructure/cache/redis-cache.adapter';
import { TaggedCache } from '../../src/infrastructure/cache/tagged-cache';
import { deleteRedisKeys, redisUnavailableReason, TEST_REDIS_URL } from '../support/redis-local';
import { describeCacheContract } from './cache.contract';

const unavailable = redisUnavailableReason();
const quiet = { warn: jest.fn(), log: jest.fn() };

if (unavailable) {
  // A silent pass would read as "Redis adapter verified"; say loudly that it was not.
  console.warn(`Skipping the Redis cache contract: ${unavailable}`);
  describe.skip(`Cache contract: Redis (skipped: ${unavailable})`, () => {
    it('runs the shared contract against Redis', () => undefined);
  });
} else {
  describeCacheContract('Redis', async () => {
    // One prefix per run: parallel runs sharing the server never meet, and cleanup finds every key.
    const keyPrefix = `mercantil-test:${randomUUID()}:`;
    const opened: TaggedCache[] = [];
    return {
      open: async (metrics) => {
        const cache = await createRedisCache({ url: TEST_REDIS_URL, keyPrefix, defaultTtlSeconds: 60, metrics, logger: quiet });
        opened.push(cache);
        return cache;
      },
      elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      sharedAcrossInstances: true,
      close: async () => {
        await Promise.all(opened.map((cache) => cache.onModuleDestroy()));
        await deleteRedisKeys(TEST_REDIS_URL, keyPrefix);
      },
    };
  });

  describe('Redis cache specifics', () => {
    const keyPrefix = `mercantil-test:${randomUUID()}:`;
    afterAll(() => deleteRedisKeys(TEST_REDIS_URL, keyPrefix));

    it('stores entries under the prefix with a PX expiry, and tag generations as counters without one', async () => {
      const cache = await createRedisCache({ url: TEST_REDIS_URL, keyPrefix, defaultTtlSeconds: 60, metrics: new CacheMetrics(new PrometheusMetrics(new Registry())), logger: quiet });
      const raw = new Redis(TEST_REDIS_URL);
      try {
        await cache.namespace('sales').set('t1:daily', { total: '5.00' }, 30, { tags: ['sales:t1:s1'] });
        await cache.invalidateTags(['sales:t1:s1']);
        await cache.invalidateTags(['sales:t1:s1']);
        const entryTtl = await raw.pttl(`${keyPrefix}e:sales:t1:daily`);
        expect(entryTtl).toBeGreaterThan(0);
        expect(entryTtl).toBeLessThanOrEqual(30_000);
        expect(await raw.get(`${keyPrefix}g:sales:t1:s1`)).toBe('2');
        expect(await raw.pttl(`${keyPrefix}g:sales:t1:s1`)).toBe(-1);
      } finally {
        raw.disconnect();
        await cache.onModuleDestroy();
      }
    });

    it('degrades to computing when Redis is unreachable: no request fails, one warning, errors counted', async () => {
      const logger = { warn: jest.fn(), log: jest.fn() };
      const registry = new Registry();
      const metrics = new CacheMetrics(new PrometheusMetrics(registry));
      // Port 1 refuses connections: an outage from boot on.
      const cache = await createRedisCache({ url: 'redis://127.0.0.1:1', keyPrefix, defaultTtlSeconds: 60, metrics, logger });
      try {
        const compute = jest.fn(async () => 'computed');
        expect(await cache.getOrCompute('k', 60, compute, { tags: ['sales:t1:s1'] })).toBe('computed');
        expect(await cache.getOrCompute('k', 60, compute, { tags: ['sales:t1:s1'] })).toBe('computed');
        expect(compute).toHaveBeenCalledTimes(2);
        await expect(cache.set('k', 1, 60)).resolves.toBeUndefined();
        await expect(cache.invalidateTags(['sales:t1:s1'])).resolves.toBeUndefined();
        expect(await cache.get('k')).toBeUndefined();
        // One line at boot from the factory, one when operations start failing: not one per request.
        expect(logger.warn).toHaveBeenCalledTimes(2);
        expect(logger.warn.mock.calls[1][0]).toMatch(/Cache redis unavailable, serving uncached/);
        expect(await registry.getSingleMetricAsString('mercantil_cache_misses_total')).toContain('namespace="default"} 3');
        expect(await registry.getSingleMetricAsString('mercantil_cache_errors_total')).toMatch(/operation="invalidate"\} 1/);
      } finally {
        await cache.onModuleDestroy();
      }
    });
  });
}
