import { Retrier } from './asl-types';
import { decideRetry, recordRetry, retryDelayMs } from './retry-policy';

/** Runs the retry loop for one error until the policy gives up, collecting delays. */
function delaysFor(retriers: Retrier[], error: string, random?: () => number): number[] {
  const delays: number[] = [];
  let counts: number[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const decision = decideRetry(retriers, error, counts, { random });
    if (!decision.retry) return delays;
    delays.push(decision.delayMs);
    counts = recordRetry(counts, decision.retrierIndex);
  }
  throw new Error('retry loop did not terminate');
}

/** Deterministic PRNG (mulberry32) so jitter tests are reproducible. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('retry-policy', () => {
  it('uses the spec defaults: 1s interval, backoff 2.0, 3 attempts', () => {
    expect(delaysFor([{ ErrorEquals: ['States.ALL'] }], 'X')).toEqual([1000, 2000, 4000]);
  });

  it('follows IntervalSeconds/BackoffRate/MaxAttempts', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 3, BackoffRate: 1.5, MaxAttempts: 4 };
    expect(delaysFor([retrier], 'X')).toEqual([3000, 4500, 6750, 10125]);
  });

  it('MaxAttempts 0 never retries', () => {
    expect(decideRetry([{ ErrorEquals: ['X'], MaxAttempts: 0 }], 'X')).toEqual({ retry: false });
  });

  it('caps each delay at MaxDelaySeconds', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 2, MaxAttempts: 5, MaxDelaySeconds: 5 };
    expect(delaysFor([retrier], 'X')).toEqual([2000, 4000, 5000, 5000, 5000]);
  });

  it('FULL jitter draws each delay from [0, capped delay]', () => {
    const retrier: Retrier = { ErrorEquals: ['X'], MaxAttempts: 6, JitterStrategy: 'FULL', MaxDelaySeconds: 10 };
    const delays = delaysFor([retrier], 'X', seeded(42));
    const ceilings = [1000, 2000, 4000, 8000, 10000, 10000];
    expect(delays).toHaveLength(6);
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(ceilings[i]);
    });
    expect(delaysFor([retrier], 'X', seeded(42))).toEqual(delays);
    expect(retryDelayMs(retrier, 2, { random: () => 0.5 })).toBe(2000);
    expect(retryDelayMs({ ...retrier, JitterStrategy: 'NONE' }, 2, { random: () => 0.5 })).toBe(4000);
  });

  it('applies only the first matching retrier and falls through to Catch when it is exhausted', () => {
    const retriers: Retrier[] = [
      { ErrorEquals: ['A'], MaxAttempts: 1, IntervalSeconds: 1 },
      { ErrorEquals: ['A', 'B'], MaxAttempts: 5, IntervalSeconds: 7 },
    ];
    expect(decideRetry(retriers, 'A', [])).toEqual({ retry: true, delayMs: 1000, retrierIndex: 0 });
    expect(decideRetry(retriers, 'A', [1])).toEqual({ retry: false });
    expect(decideRetry(retriers, 'B', [1])).toEqual({ retry: true, delayMs: 7000, retrierIndex: 1 });
  });

  it('keeps a separate counter per retrier', () => {
    const retriers: Retrier[] = [
      { ErrorEquals: ['A'], MaxAttempts: 2 },
      { ErrorEquals: ['B'], MaxAttempts: 2 },
    ];
    let counts = recordRetry(recordRetry([], 0), 0);
    expect(decideRetry(retriers, 'A', counts)).toEqual({ retry: false });
    expect(decideRetry(retriers, 'B', counts)).toEqual({ retry: true, delayMs: 1000, retrierIndex: 1 });
    counts = recordRetry(counts, 1);
    expect(counts).toEqual([2, 1]);
  });

  it('does not retry unmatched errors, and TaskFailed does not retry timeouts', () => {
    expect(decideRetry([{ ErrorEquals: ['A'] }], 'B')).toEqual({ retry: false });
    expect(decideRetry([{ ErrorEquals: ['States.TaskFailed'] }], 'States.Timeout')).toEqual({ retry: false });
    expect(decideRetry(undefined, 'B')).toEqual({ retry: false });
  });
});
