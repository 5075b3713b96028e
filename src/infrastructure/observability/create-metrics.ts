import type { Registry } from 'prom-client';
import type { Metrics } from '../../common/metrics/metrics.port';
import type { MetricsOutput } from '../../config/app-config';
import { EmfMetrics } from './emf-metrics.adapter';
import { FanOutMetrics } from './fan-out-metrics';

export const EMF_NAMESPACE = 'Mercantil';

/** The registry is null exactly when the output is emf. */
export async function createMetrics(output: MetricsOutput, registry: Registry | null): Promise<Metrics> {
  const emf = new EmfMetrics({ namespace: EMF_NAMESPACE });
  if (!registry) return emf;
  const { PrometheusMetrics } = await import('./prometheus-metrics.adapter');
  const prometheus = new PrometheusMetrics(registry);
  return output === 'both' ? new FanOutMetrics([prometheus, emf]) : prometheus;
}
