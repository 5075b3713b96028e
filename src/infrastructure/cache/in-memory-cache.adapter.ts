import { CacheStore } from './cache-store';
import { CacheMetrics } from './cache-metrics';
import { TaggedCache } from './tagged-cache';

export interface InMemoryCacheOptions {
  /** Entries kept; the least recently used goes first beyond it. */
  maxEntries: number;
  defaultTtlSeconds: number;
  metrics: CacheMetrics;
  /** Milliseconds since the epoch; tests pass a fake to expire entries without waiting. */
  now?: () => number;
}

/**
 * A bounded LRU with TTLs, in this process only: another process (a separate worker) neither sees
 * its entries nor its invalidations, so use Redis when more than one process serves or writes.
 * Expiry is checked on read, so no timer is left running.
 */
export class InMemoryCacheStore implements CacheStore {
  readonly kind = 'memory';
  /** Map iteration order is insertion order: re-inserting on read keeps the oldest first. */
  private readonly entries = new Map<string, { entry: string; expiresAt: number }>();
  private readonly tagGenerations = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1, got ${maxEntries}`);
  }

  async read(key: string, tags: readonly string[]): Promise<{ entry?: string; generations: number[] }> {
    return { entry: this.live(key), generations: await this.generations(tags) };
  }

  async generations(tags: readonly string[]): Promise<number[]> {
    return tags.map((tag) => this.tagGenerations.get(tag) ?? 0);
  }

  async write(key: string, entry: string, ttlMs: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { entry, expiresAt: this.now() + ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async bump(tags: readonly string[]): Promise<void> {
    for (const tag of tags) this.tagGenerations.set(tag, (this.tagGenerations.get(tag) ?? 0) + 1);
  }

  size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private live(key: string): string | undefined {
    const found = this.entries.get(key);
    if (!found) return undefined;
    this.entries.delete(key);
    if (found.expiresAt <= this.now()) return undefined;
    this.entries.set(key, found);
    return found.entry;
  }
}

export function createInMemoryCache(options: InMemoryCacheOptions): TaggedCache {
  return TaggedCache.create(new InMemoryCacheStore(options.maxEntries, options.now), {
    defaultTtlSeconds: options.defaultTtlSeconds,
    metrics: options.metrics,
  });
}
