import { randomUUID } from 'node:crypto';
import { Cache, CACHE } from '../src/common/cache/cache.port';
import { redisUnavailableReason, TEST_REDIS_URL } from './support/redis-local';
import { startTestApp, TestApp } from './support/test-app';

/** A miss then a hit through the app's own cache, and the /metrics text afterwards. */
async function missThenHit(t: TestApp, namespace: string): Promise<string> {
  const cache = t.app.get<Cache>(CACHE).namespace(namespace);
  const compute = jest.fn(async () => ({ total: '2.50' }));
  expect(await cache.getOrCompute('t1:k', 30, compute)).toEqual({ total: '2.50' });
  expect(await cache.getOrCompute('t1:k', 30, compute)).toEqual({ total: '2.50' });
  expect(compute).toHaveBeenCalledTimes(1);
  const res = await t.http().get('/metrics').expect(200);
  return res.text;
}

describe('Cache in memory (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { worker: false });
  });
  afterAll(() => t?.close());

  it('is the default, and /metrics shows its hits, misses and entries per namespace', async () => {
    const text = await missThenHit(t, 'e2e');
    expect(text).toContain('mercantil_cache_misses_total{cache="memory",namespace="e2e"} 1');
    expect(text).toContain('mercantil_cache_hits_total{cache="memory",namespace="e2e"} 1');
    expect(text).toContain('mercantil_cache_entries{cache="memory"} 1');
  });
});

const unavailable = redisUnavailableReason();

if (unavailable) {
  console.warn(`Skipping the Redis cache wiring e2e: ${unavailable}`);
  describe.skip(`Cache on Redis (e2e) (skipped: ${unavailable})`, () => {
    it('serves the app cache from Redis', () => undefined);
  });
} else {
  describe('Cache on Redis (e2e)', () => {
    let t: TestApp;
    // The app's keys all start with `mercantil:`; a namespace of its own keeps this run apart from others.
    const namespace = `e2e-${randomUUID()}`;

    beforeAll(async () => {
      t = await startTestApp({ REDIS_URL: TEST_REDIS_URL }, { worker: false });
    });
    afterAll(async () => {
      await t?.app.get<Cache>(CACHE).namespace(namespace).delete('t1:k');
      await t?.close();
    });

    it('is picked when REDIS_URL is set, and /metrics shows its hits and misses', async () => {
      const text = await missThenHit(t, namespace);
      expect(text).toContain(`mercantil_cache_misses_total{cache="redis",namespace="${namespace}"} 1`);
      expect(text).toContain(`mercantil_cache_hits_total{cache="redis",namespace="${namespace}"} 1`);
    });
  });
}
