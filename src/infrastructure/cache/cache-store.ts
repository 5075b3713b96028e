/**
 * What an adapter stores; the generations, single flight, namespacing, metrics and outage handling
 * on top are shared by every adapter (TaggedCache), so adapters differ only in where bytes live.
 */
export interface CacheStore {
  /** `memory` or `redis`: the `cache` label of the metrics. */
  readonly kind: string;
  /** The entry's JSON text (undefined when absent or expired) and the tags' current generations, in one round trip. */
  read(key: string, tags: readonly string[]): Promise<{ entry?: string; generations: number[] }>;
  /** Current generation of each tag; 0 for a tag never invalidated. */
  generations(tags: readonly string[]): Promise<number[]>;
  write(key: string, entry: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Adds one to each tag's generation, atomically per tag. */
  bump(tags: readonly string[]): Promise<void>;
  /** Entries held in this process, when the store is in-process (the entries gauge). */
  size?(): number;
  close(): Promise<void>;
}
