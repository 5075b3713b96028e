import { Inject } from '@nestjs/common';
import { Cache, CACHE, cacheKey } from './cache.port';

type KeyPart = string | number | boolean | null | undefined;

export interface CachedOptions<A extends unknown[]> {
  /** The cache namespace (feature), e.g. `sales.reports`. */
  namespace: string;
  /** The key's parts from the method's arguments. MUST include the tenant id for tenant data. */
  key: (...args: A) => readonly KeyPart[];
  /** Tags the result depends on, e.g. `sales:<tenant>:<supplier>`, invalidated when that data changes. */
  tags?: (...args: A) => readonly string[];
  /** Defaults to CACHE_DEFAULT_TTL_SECONDS. */
  ttlSeconds?: number;
}

/** Where the decorator keeps the injected cache on the instance; a symbol so it never meets a real field. */
const INJECTED_CACHE = Symbol('cached.cache');

/**
 * Serves an async method (typically a query handler's `execute`) through the cache, with single
 * flight per key. The class needs no constructor change: the cache is property-injected.
 *
 *   @Cached({ namespace: 'sales.reports', key: (q: SupplierReportQuery) => [q.tenantId, q.supplierId, q.from, q.to],
 *             tags: (q) => [`sales:${q.tenantId}:${q.supplierId}`], ttlSeconds: 300 })
 *   async execute(q: SupplierReportQuery): Promise<SupplierReport> { … }
 */
export function Cached<A extends unknown[]>(options: CachedOptions<A>) {
  return <R>(target: object, _method: string | symbol, descriptor: TypedPropertyDescriptor<(...args: A) => Promise<R>>) => {
    Inject(CACHE)(target, INJECTED_CACHE);
    const original = descriptor.value!;
    descriptor.value = function (this: { [INJECTED_CACHE]: Cache }, ...args: A) {
      const cache = this[INJECTED_CACHE].namespace(options.namespace);
      return cache.getOrCompute(cacheKey(...options.key(...args)), options.ttlSeconds ?? cache.defaultTtlSeconds, () => original.apply(this, args), {
        tags: options.tags?.(...args),
      });
    };
  };
}
