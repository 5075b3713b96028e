/**
 * A cache of frequent query results (reports, metrics) in front of the stores that own the data.
 * In memory per process by default; Redis when configured (shared by every process).
 *
 * Values must be JSON-serialisable: they are stored as JSON text, so a read returns a fresh copy,
 * decimal strings stay strings and Dates come back as ISO strings, the same on every adapter.
 *
 * Tenancy is the caller's job: the cache cannot know which tenant a value belongs to, so every
 * key and tag of tenant data MUST contain the tenant id (e.g. key `<tenant>:<supplier>:<from>:<to>`,
 * tag `sales:<tenant>:<supplier>`). `cacheKey()` joins parts without ambiguity.
 */
export const CACHE = Symbol('CACHE');

export interface CacheOptions {
  /**
   * Tags the value depends on. `invalidateTags` of any of them makes the value unreadable in every
   * process at once. Tags are shared by all namespaces, so one data change (a new sale) can
   * invalidate the results of several features: name them `<feature>:<tenant>:<scope>`.
   * Read with the same tags the value was written with.
   */
  tags?: readonly string[];
}

export interface Cache {
  /** The TTL used by callers that do not choose one (CACHE_DEFAULT_TTL_SECONDS). */
  readonly defaultTtlSeconds: number;

  /** The cached value, or undefined on a miss, an expired or invalidated entry, or a cache outage. */
  get<T>(key: string, options?: CacheOptions): Promise<T | undefined>;

  /** Stores a JSON-serialisable value for ttlSeconds (fractions allowed). undefined is not stored. */
  set(key: string, value: unknown, ttlSeconds: number, options?: CacheOptions): Promise<void>;

  /**
   * The cached value, or compute()'s result, stored for ttlSeconds. Concurrent calls for one key
   * in this process share one read and one compute (single flight). An invalidation of a tag while
   * compute() runs leaves its result unreadable, so a slow computation never resurrects stale data.
   * A cache outage degrades to compute() with a logged warning; compute()'s own errors propagate.
   */
  getOrCompute<T>(key: string, ttlSeconds: number, compute: () => Promise<T>, options?: CacheOptions): Promise<T>;

  delete(key: string): Promise<void>;

  /** Makes every entry written with any of these tags unreadable, in every namespace and process. */
  invalidateTags(tags: readonly string[]): Promise<void>;

  /**
   * A view whose keys live under `<name>:`, so features never collide, and whose metrics carry
   * `namespace="<name>"`. Names are lowercase words joined by `-` or `.` (nested: `sales.reports`).
   */
  namespace(name: string): Cache;
}

/**
 * Joins key or tag parts so that different part lists never give the same string
 * (`['a:b', 'c']` and `['a', 'b:c']` differ): `:` and `%` inside parts are percent-encoded.
 */
export function cacheKey(...parts: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return parts.map((part) => String(part ?? '').replace(/%/g, '%25').replace(/:/g, '%3A')).join(':');
}
