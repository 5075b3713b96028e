import { Registry } from 'prom-client';
import { Cache, cacheKey } from '../../src/common/cache/cache.port';
import { CacheMetrics } from '../../src/infrastructure/cache/cache-metrics';
import { PrometheusMetrics } from '../../src/infrastructure/observability/prometheus-metrics.adapter';

export interface CacheHarness {
  /** A cache over this harness's store; every cache it opens shares that store where the adapter can (Redis). */
  open(metrics: CacheMetrics): Promise<Cache>;
  /** Lets `ms` pass for TTLs: a fake clock where the adapter has one, else real waiting. */
  elapse(ms: number): Promise<void>;
  /** Whether caches opened by this harness see each other's entries and invalidations, as processes sharing Redis do. */
  sharedAcrossInstances: boolean;
  close(): Promise<void>;
}

/** A promise resolved from outside, to hold a computation open while other calls arrive. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Waits until a mocked compute has been called: the cache read before it is done. */
async function untilCalled(fn: jest.Mock): Promise<void> {
  while (fn.mock.calls.length === 0) await new Promise((r) => setImmediate(r));
}

const samples = async (registry: Registry, name: string) => (await registry.getSingleMetric(name)!.get()).values;
const counted = async (registry: Registry, name: string, labels: object) =>
  (await samples(registry, name)).find((v) => JSON.stringify(v.labels) === JSON.stringify(labels))?.value ?? 0;

/** The behaviour every Cache adapter must share. */
export function describeCacheContract(name: string, harness: () => Promise<CacheHarness>): void {
  describe(`Cache contract: ${name}`, () => {
    let h: CacheHarness;
    let registry: Registry;
    let cache: Cache;

    beforeAll(async () => {
      h = await harness();
    });
    afterAll(() => h?.close());
    beforeEach(async () => {
      registry = new Registry();
      cache = await h.open(new CacheMetrics(new PrometheusMetrics(registry)));
    });

    it('round-trips JSON values as fresh copies: decimal strings stay strings, Dates become ISO text', async () => {
      const value = { total: '1265793.04', lines: [{ qty: 3, amount: '0.1000' }], ok: true, none: null, name: 'Ñandú S.A.', at: new Date('2024-05-01T10:00:00Z') };
      await cache.set('report', value, 60);
      const read = await cache.get<typeof value>('report');
      expect(read).toEqual({ ...value, at: '2024-05-01T10:00:00.000Z' });
      expect(typeof read!.total).toBe('string');
      read!.lines[0].qty = 99;
      expect((await cache.get<typeof value>('report'))!.lines[0].qty).toBe(3);
      await cache.set('zero', 0, 60);
      await cache.set('null', null, 60);
      expect(await cache.get('zero')).toBe(0);
      expect(await cache.get('null')).toBeNull();
    });

    it('misses on an absent key, and forgets a deleted one', async () => {
      expect(await cache.get('never-written')).toBeUndefined();
      await cache.set('doomed', 'x', 60);
      await cache.delete('doomed');
      expect(await cache.get('doomed')).toBeUndefined();
    });

    it('expires entries after their TTL and keeps them before it', async () => {
      await cache.set('short', 'gone soon', 0.02);
      await cache.set('long', 'stays', 60);
      await h.elapse(100);
      expect(await cache.get('short')).toBeUndefined();
      expect(await cache.get('long')).toBe('stays');
      await expect(cache.set('bad', 1, 0)).rejects.toThrow(RangeError);
    });

    it('computes a miss once, stores it for the TTL, and answers hits without computing', async () => {
      const compute = jest.fn(async () => ({ revenue: '10.50' }));
      expect(await cache.getOrCompute('metrics', 60, compute)).toEqual({ revenue: '10.50' });
      expect(await cache.getOrCompute('metrics', 60, compute)).toEqual({ revenue: '10.50' });
      expect(compute).toHaveBeenCalledTimes(1);
      await cache.set('soon', 1, 0.02);
      await h.elapse(100);
      expect(await cache.getOrCompute('soon', 60, async () => 2)).toBe(2);
    });

    it('single-flights concurrent misses of one key: one compute, every caller gets its result', async () => {
      const gate = deferred<string>();
      const compute = jest.fn(() => gate.promise);
      const callers = Array.from({ length: 8 }, () => cache.getOrCompute('slow', 60, compute));
      await untilCalled(compute);
      gate.resolve('42.00');
      expect(await Promise.all(callers)).toEqual(Array(8).fill('42.00'));
      expect(compute).toHaveBeenCalledTimes(1);
      // Other keys are not held back by it.
      expect(await cache.getOrCompute('other', 60, async () => 'own')).toBe('own');
    });

    it('passes a failed compute to every waiting caller and caches nothing', async () => {
      const gate = deferred<string>();
      const compute = jest.fn(() => gate.promise);
      const callers = [cache.getOrCompute('fails', 60, compute), cache.getOrCompute('fails', 60, compute)];
      await untilCalled(compute);
      gate.reject(new Error('store down'));
      for (const caller of callers) await expect(caller).rejects.toThrow('store down');
      expect(await cache.getOrCompute('fails', 60, async () => 'recovered')).toBe('recovered');
      const undefinedResult = jest.fn(async () => undefined);
      await cache.getOrCompute('nothing', 60, undefinedResult);
      await cache.getOrCompute('nothing', 60, undefinedResult);
      expect(undefinedResult).toHaveBeenCalledTimes(2);
    });

    it('invalidates by tag: entries with the tag are unreadable, others stay', async () => {
      const a = { tags: ['sales:t1:s1'] };
      const b = { tags: ['sales:t1:s2'] };
      await cache.set('s1-report', 'old s1', 60, a);
      await cache.set('s2-report', 'old s2', 60, b);
      await cache.set('both', 'mixed', 60, { tags: ['sales:t1:s1', 'sales:t1:s2'] });
      await cache.invalidateTags(['sales:t1:s1']);
      expect(await cache.get('s1-report', a)).toBeUndefined();
      expect(await cache.get('both', { tags: ['sales:t1:s1', 'sales:t1:s2'] })).toBeUndefined();
      expect(await cache.get('s2-report', b)).toBe('old s2');
      expect(await cache.getOrCompute('s1-report', 60, async () => 'new s1', a)).toBe('new s1');
      expect(await cache.get('s1-report', a)).toBe('new s1');
    });

    it('checks every tag an entry was written with, even when read without them, and misses on tags it lacks', async () => {
      await cache.set('tagged', 'v', 60, { tags: ['x:t1', 'y:t1'] });
      expect(await cache.get('tagged')).toBe('v');
      expect(await cache.get('tagged', { tags: ['x:t1', 'z:t1'] })).toBeUndefined();
      await cache.invalidateTags(['y:t1']);
      expect(await cache.get('tagged')).toBeUndefined();
      expect(await cache.get('tagged', { tags: ['x:t1'] })).toBeUndefined();
    });

    it('never stores a result as current when its tag was invalidated while it was being computed', async () => {
      const tags = { tags: ['sales:t1:race'] };
      const gate = deferred<string>();
      const compute = jest.fn(() => gate.promise);
      const computing = cache.getOrCompute('race', 60, compute, tags);
      await untilCalled(compute);
      await cache.invalidateTags(['sales:t1:race']);
      gate.resolve('computed from old data');
      expect(await computing).toBe('computed from old data');
      expect(await cache.get('race', tags)).toBeUndefined();
      expect(await cache.getOrCompute('race', 60, async () => 'fresh', tags)).toBe('fresh');
    });

    it('keeps namespaces apart, nests them, shares tags across them, and rejects bad names', async () => {
      const sales = cache.namespace('sales');
      const analytics = cache.namespace('analytics');
      await sales.set('t1:summary', 'sales', 60, { tags: ['sales:t1:s1'] });
      await analytics.set('t1:summary', 'analytics', 60, { tags: ['sales:t1:s1'] });
      await cache.set('t1:summary', 'root', 60);
      await sales.namespace('reports').set('t1:summary', 'nested', 60);
      expect(await sales.get('t1:summary')).toBe('sales');
      expect(await analytics.get('t1:summary')).toBe('analytics');
      expect(await cache.get('t1:summary')).toBe('root');
      expect(await sales.namespace('reports').get('t1:summary')).toBe('nested');
      await sales.invalidateTags(['sales:t1:s1']);
      expect(await analytics.get('t1:summary')).toBeUndefined();
      expect(() => cache.namespace('Sales:x')).toThrow(/Invalid cache namespace/);
      expect(cacheKey('a:b', 'c')).not.toBe(cacheKey('a', 'b:c'));
    });

    it('counts hits, misses and invalidations per namespace', async () => {
      const sales = cache.namespace('sales');
      await sales.getOrCompute('k', 60, async () => 1);
      await sales.getOrCompute('k', 60, async () => 1);
      await sales.get('k');
      await sales.invalidateTags(['sales:t1:a', 'sales:t1:b']);
      const kind = (await samples(registry, 'mercantil_cache_hits_total'))[0].labels.cache;
      const labels = { cache: kind, namespace: 'sales' };
      expect(await counted(registry, 'mercantil_cache_hits_total', labels)).toBe(2);
      expect(await counted(registry, 'mercantil_cache_misses_total', labels)).toBe(1);
      expect(await counted(registry, 'mercantil_cache_invalidations_total', labels)).toBe(2);
    });

    it('shares entries and tag invalidations between instances over one store (processes sharing Redis), or isolates them', async () => {
      const peer = await h.open(new CacheMetrics(new PrometheusMetrics(new Registry())));
      const tags = { tags: ['sales:t1:shared'] };
      await cache.set('shared', 'from one', 60, tags);
      if (!h.sharedAcrossInstances) {
        expect(await peer.get('shared', tags)).toBeUndefined();
        return;
      }
      expect(await peer.get('shared', tags)).toBe('from one');
      await peer.invalidateTags(['sales:t1:shared']);
      expect(await cache.get('shared', tags)).toBeUndefined();
      expect(await cache.getOrCompute('shared', 60, async () => 'recomputed', tags)).toBe('recomputed');
      expect(await peer.get('shared', tags)).toBe('recomputed');
    });
  });
}
