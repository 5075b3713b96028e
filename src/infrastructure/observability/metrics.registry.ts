import type { Registry } from 'prom-client';

/**
 * The prom-client registry GET /metrics serves, or null when metrics only go to CloudWatch.
 * One per app instance (not prom-client's global), so several apps in one process, as in
 * tests, never collide on metric names.
 */
export const PROMETHEUS_REGISTRY = Symbol('PROMETHEUS_REGISTRY');

/** prom-client is required only here, so an EMF-only process (a Lambda) never loads it. */
export async function createPrometheusRegistry(options: { defaultMetrics: boolean }): Promise<Registry> {
  const { Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}
