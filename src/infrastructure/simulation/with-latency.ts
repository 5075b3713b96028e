import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Makes a simulated provider answer as slowly as a real one would, so demos, crash
 * tests and benchmarks see executions in flight the way they would against Stripe or a carrier.
 */
export function withLatency<T extends object>(target: T, latencyMs: number): T {
  if (latencyMs <= 0) return target;
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await sleep(latencyMs);
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}
