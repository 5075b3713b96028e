import { Logger } from '@nestjs/common';
import Redis, { ChainableCommander } from 'ioredis';
import { CacheStore } from './cache-store';
import { CacheMetrics } from './cache-metrics';
import { TaggedCache } from './tagged-cache';

export interface RedisCacheOptions {
  url: string;
  /** Put before every key, so environments or test runs sharing a Redis never meet. */
  keyPrefix: string;
  defaultTtlSeconds: number;
  metrics: CacheMetrics;
  logger?: Pick<Logger, 'warn' | 'log'>;
}

/** A cached read must never wait longer than this on an unhealthy Redis; the caller computes instead. */
const COMMAND_TIMEOUT_MS = 500;

/**
 * Entries are `<prefix>e:<namespace>:<key>` strings written with SET PX; tag generations are
 * `<prefix>g:<tag>` counters moved by INCR and never expire (an expired counter would restart at 0
 * and could make an entry written before an invalidation current again).
 */
export class RedisCacheStore implements CacheStore {
  readonly kind = 'redis';

  constructor(private readonly client: Redis) {}

  async read(key: string, tags: readonly string[]): Promise<{ entry?: string; generations: number[] }> {
    // One pipeline: the entry and its tags' generations cost one round trip.
    const pipeline = this.client.pipeline().get(entryKey(key));
    if (tags.length) pipeline.mget(tags.map(tagKey));
    const [entry, generations] = await run(pipeline);
    return { entry: (entry as string | null) ?? undefined, generations: tags.length ? toGenerations(generations) : [] };
  }

  async generations(tags: readonly string[]): Promise<number[]> {
    return toGenerations(await this.client.mget(tags.map(tagKey)));
  }

  async write(key: string, entry: string, ttlMs: number): Promise<void> {
    await this.client.set(entryKey(key), entry, 'PX', ttlMs);
  }

  async delete(key: string): Promise<void> {
    await this.client.del(entryKey(key));
  }

  async bump(tags: readonly string[]): Promise<void> {
    const pipeline = this.client.pipeline();
    for (const tag of tags) pipeline.incr(tagKey(tag));
    await run(pipeline);
  }

  async close(): Promise<void> {
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}

const entryKey = (key: string) => `e:${key}`;
const tagKey = (tag: string) => `g:${tag}`;

function toGenerations(values: unknown): number[] {
  return (values as (string | null)[]).map((v) => (v === null ? 0 : Number(v)));
}

async function run(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return results.map(([, value]) => value);
}

/**
 * Connects without waiting for Redis to answer: an unreachable Redis at boot or later makes reads
 * misses (computed by the caller) and is logged, while ioredis keeps reconnecting in the background.
 */
export async function createRedisCache(options: RedisCacheOptions): Promise<TaggedCache> {
  const logger = options.logger ?? new Logger('Cache');
  const client = new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    lazyConnect: true,
    // Fail commands at once while disconnected instead of queueing requests behind a dead Redis.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  // Failures surface on the operations (logged once per outage by TaggedCache); without a listener
  // ioredis would print every reconnect attempt's error.
  client.on('error', () => undefined);
  await client.connect().catch((error: Error) => logger.warn(`Redis cache at ${redacted(options.url)} not reachable yet: ${error.message}`));
  return TaggedCache.create(new RedisCacheStore(client), { defaultTtlSeconds: options.defaultTtlSeconds, metrics: options.metrics, logger });
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
