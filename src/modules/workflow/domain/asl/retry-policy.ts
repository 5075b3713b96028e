/**
 * Retry decisions for a failed Task/Parallel/Map state. Pure: the engine owns
 * the per-retrier attempt counters (so they survive a durable restart) and
 * passes them in; this module only decides.
 */
import { Retrier } from './asl-types';
import { errorMatches } from './errors';

export const RETRY_DEFAULTS = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2.0 } as const;

export type RetryDecision = { retry: true; delayMs: number; retrierIndex: number } | { retry: false };

export interface RetryOptions {
  /** Uniform in [0, 1); injectable so FULL jitter is reproducible in tests and replays. */
  random?: () => number;
}

/**
 * `attemptCounts[i]` is how many retries retrier i has already granted during
 * this visit to the state. The spec gives each retrier its own counter and
 * applies only the FIRST retrier whose ErrorEquals matches: when that one is
 * exhausted the error goes to Catch, later retriers are not consulted.
 */
export function decideRetry(
  retriers: readonly Retrier[] | undefined,
  error: string,
  attemptCounts: readonly number[] = [],
  options: RetryOptions = {},
): RetryDecision {
  const retrierIndex = (retriers ?? []).findIndex((r) => errorMatches(r.ErrorEquals, error));
  if (retrierIndex < 0) return { retry: false };
  const retrier = retriers![retrierIndex];
  const attempts = attemptCounts[retrierIndex] ?? 0;
  const maxAttempts = retrier.MaxAttempts ?? RETRY_DEFAULTS.MaxAttempts;
  if (attempts >= maxAttempts) return { retry: false };
  return { retry: true, retrierIndex, delayMs: retryDelayMs(retrier, attempts, options) };
}

/**
 * Delay before retry number `attempts + 1`: IntervalSeconds * BackoffRate^attempts,
 * capped by MaxDelaySeconds, then (FULL jitter) drawn uniformly from [0, delay].
 */
export function retryDelayMs(retrier: Retrier, attempts: number, options: RetryOptions = {}): number {
  const interval = retrier.IntervalSeconds ?? RETRY_DEFAULTS.IntervalSeconds;
  const backoff = retrier.BackoffRate ?? RETRY_DEFAULTS.BackoffRate;
  let seconds = interval * Math.pow(backoff, attempts);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds *= (options.random ?? Math.random)();
  return Math.round(seconds * 1000);
}

/** Returns new counters with retrier `index` incremented; never mutates the input. */
export function recordRetry(attemptCounts: readonly number[], index: number): number[] {
  const next = [...attemptCounts];
  while (next.length <= index) next.push(0);
  next[index] += 1;
  return next;
}
