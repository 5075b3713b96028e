import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const SWEEP_THRESHOLD = 10_000;

/**
 * A token bucket behind @nestjs/throttler's storage interface: `limit` is the burst
 * capacity and tokens refill at `ratePerSecond`, so a client may spend a burst at once
 * and then sustain the rate, which fixed windows cannot express.
 */
export class TokenBucketStorage implements ThrottlerStorage {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  async increment(key: string, _ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const bucket = this.refill(key, limit, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const secondsUntil = (tokens: number) => Math.max(1, Math.ceil((tokens - bucket.tokens) / this.ratePerSecond));
    return {
      totalHits: limit - Math.floor(bucket.tokens),
      timeToExpire: secondsUntil(limit),
      isBlocked: !allowed,
      timeToBlockExpire: allowed ? 0 : secondsUntil(1),
    };
  }

  private refill(key: string, capacity: number, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_THRESHOLD) this.sweep(capacity, now);
      bucket = { tokens: capacity, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.ratePerSecond);
    bucket.updatedAt = now;
    return bucket;
  }

  /** A bucket that would be full again is indistinguishable from a new one. */
  private sweep(capacity: number, now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.ratePerSecond >= capacity) this.buckets.delete(key);
    }
  }
}
