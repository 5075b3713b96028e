import { Logger, OnModuleDestroy } from '@nestjs/common';
import { Cache, CacheOptions } from '../../common/cache/cache.port';
import { CacheStore } from './cache-store';
import { CacheMetrics } from './cache-metrics';

/** An entry as stored: the value with the generation of each tag it was computed under. */
interface StoredEntry {
  v: unknown;
  t: string[];
  g: number[];
}

type Lookup = { hit: true; value: unknown } | { hit: false; generations?: number[] };

export interface TaggedCacheOptions {
  defaultTtlSeconds: number;
  metrics: CacheMetrics;
  logger?: Pick<Logger, 'warn' | 'log'>;
}

/** State shared by a cache and all its namespace views. */
interface Core extends Required<TaggedCacheOptions> {
  store: CacheStore;
  inflight: Map<string, Promise<unknown>>;
  degraded: boolean;
}

const ROOT = 'default';
const NAMESPACE = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/**
 * The Cache port over any CacheStore. Invalidation is by tag generation: each entry records the
 * generations of its tags when its value was computed, and is current only while they are unchanged.
 * Invalidating is one increment per tag; stale entries are never read again and age out by TTL.
 */
export class TaggedCache implements Cache, OnModuleDestroy {
  private constructor(
    private readonly core: Core,
    private readonly ns: string,
  ) {}

  static create(store: CacheStore, options: TaggedCacheOptions): TaggedCache {
    if (store.size) options.metrics.trackEntries(store.kind, store.size.bind(store));
    const logger = options.logger ?? new Logger('Cache');
    return new TaggedCache({ ...options, logger, store, inflight: new Map(), degraded: false }, ROOT);
  }

  get defaultTtlSeconds(): number {
    return this.core.defaultTtlSeconds;
  }

  namespace(name: string): Cache {
    if (!NAMESPACE.test(name)) throw new Error(`Invalid cache namespace "${name}": lowercase words joined by "-" or "."`);
    return new TaggedCache(this.core, this.ns === ROOT ? name : `${this.ns}.${name}`);
  }

  async get<T>(key: string, options?: CacheOptions): Promise<T | undefined> {
    const found = await this.lookup(this.entryKey(key), tagsOf(options));
    return found.hit ? (found.value as T) : undefined;
  }

  async set(key: string, value: unknown, ttlSeconds: number, options?: CacheOptions): Promise<void> {
    const tags = tagsOf(options);
    const ttlMs = toMs(ttlSeconds);
    try {
      const generations = tags.length ? await this.core.store.generations(tags) : [];
      await this.write(this.entryKey(key), value, ttlMs, tags, generations);
    } catch (error) {
      this.failed('set', error);
    }
  }

  getOrCompute<T>(key: string, ttlSeconds: number, compute: () => Promise<T>, options?: CacheOptions): Promise<T> {
    const entryKey = this.entryKey(key);
    const pending = this.core.inflight.get(entryKey);
    if (pending) return pending as Promise<T>;
    const tags = tagsOf(options);
    const ttlMs = toMs(ttlSeconds);
    const flight = (async () => {
      const found = await this.lookup(entryKey, tags);
      if (found.hit) return found.value as T;
      const value = await compute();
      // The generations read before compute() are the ones stored: an invalidation meanwhile wins.
      if (found.generations) {
        await this.write(entryKey, value, ttlMs, tags, found.generations).catch((error: unknown) => this.failed('set', error));
      }
      return value;
    })();
    this.core.inflight.set(entryKey, flight);
    const settle = () => this.core.inflight.delete(entryKey);
    flight.then(settle, settle);
    return flight;
  }

  async delete(key: string): Promise<void> {
    try {
      await this.core.store.delete(this.entryKey(key));
    } catch (error) {
      this.failed('delete', error);
    }
  }

  /** An unreachable cache is logged and counted, not thrown: entries then age out by their TTL. */
  async invalidateTags(tags: readonly string[]): Promise<void> {
    const unique = [...new Set(tags)];
    if (!unique.length) return;
    try {
      await this.core.store.bump(unique);
      this.core.metrics.invalidations.inc(this.labels(), unique.length);
    } catch (error) {
      this.failed('invalidate', error);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.core.store.close();
  }

  private async lookup(entryKey: string, tags: string[]): Promise<Lookup> {
    let found: Lookup;
    try {
      const { entry, generations } = await this.core.store.read(entryKey, tags);
      const stored = entry === undefined ? undefined : (JSON.parse(entry) as StoredEntry);
      found = stored && (await this.isCurrent(stored, tags, generations)) ? { hit: true, value: stored.v } : { hit: false, generations };
      this.recovered();
    } catch (error) {
      this.failed('get', error);
      found = { hit: false };
    }
    (found.hit ? this.core.metrics.hits : this.core.metrics.misses).inc(this.labels());
    return found;
  }

  /** Current when it was written with every requested tag and none of its tags moved on since. */
  private async isCurrent(entry: StoredEntry, tags: string[], generations: number[]): Promise<boolean> {
    if (!tags.every((tag) => entry.t.includes(tag))) return false;
    const current = new Map(tags.map((tag, i) => [tag, generations[i]]));
    // Only a reader that left out some of the entry's tags pays a second round trip.
    const unread = entry.t.filter((tag) => !current.has(tag));
    if (unread.length) (await this.core.store.generations(unread)).forEach((g, i) => current.set(unread[i], g));
    return entry.t.every((tag, i) => current.get(tag) === entry.g[i]);
  }

  private async write(entryKey: string, value: unknown, ttlMs: number, tags: string[], generations: number[]): Promise<void> {
    if (value === undefined) return;
    const entry: StoredEntry = { v: value, t: tags, g: generations };
    await this.core.store.write(entryKey, JSON.stringify(entry), ttlMs);
  }

  private entryKey(key: string): string {
    return `${this.ns}:${key}`;
  }

  private labels() {
    return { cache: this.core.store.kind, namespace: this.ns };
  }

  /** Logs once per outage (not once per request), counts every failure. */
  private failed(operation: string, error: unknown): void {
    this.core.metrics.errors.inc({ ...this.labels(), operation });
    if (this.core.degraded) return;
    this.core.degraded = true;
    this.core.logger.warn(`Cache ${this.core.store.kind} unavailable, serving uncached: ${(error as Error)?.message ?? String(error)}`);
  }

  private recovered(): void {
    if (!this.core.degraded) return;
    this.core.degraded = false;
    this.core.logger.log(`Cache ${this.core.store.kind} reachable again`);
  }
}

function tagsOf(options?: CacheOptions): string[] {
  return [...new Set(options?.tags ?? [])];
}

function toMs(ttlSeconds: number): number {
  if (!(ttlSeconds > 0) || !Number.isFinite(ttlSeconds)) throw new RangeError(`Cache TTL must be a positive number of seconds, got ${ttlSeconds}`);
  return Math.max(1, Math.round(ttlSeconds * 1000));
}
