import { TokenBucketStorage } from './token-bucket.storage';

describe('TokenBucketStorage', () => {
  let now = 0;
  const storage = () => new TokenBucketStorage(50, () => now);

  beforeEach(() => (now = 1_000_000));

  it('allows a full burst at once, then blocks with a retry hint', async () => {
    const s = storage();
    for (let i = 0; i < 250; i++) expect((await s.increment('k', 1000, 250)).isBlocked).toBe(false);
    const blocked = await s.increment('k', 1000, 250);
    expect(blocked.isBlocked).toBe(true);
    expect(blocked.timeToBlockExpire).toBe(1);
  });

  it('refills at the configured rate', async () => {
    const s = storage();
    for (let i = 0; i < 250; i++) await s.increment('k', 1000, 250);
    now += 100; // 0.1 s at 50/s refills 5 tokens
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await s.increment('k', 1000, 250)).isBlocked);
    expect(results).toEqual([false, false, false, false, false, true]);
  });

  it('keeps separate buckets per key', async () => {
    const s = storage();
    for (let i = 0; i < 250; i++) await s.increment('a', 1000, 250);
    expect((await s.increment('a', 1000, 250)).isBlocked).toBe(true);
    expect((await s.increment('b', 1000, 250)).isBlocked).toBe(false);
  });
});
