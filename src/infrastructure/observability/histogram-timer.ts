import type { HistogramMetric, MetricLabels } from '../../common/metrics/metrics.port';

/** `startTimer` for any output, in terms of its `observe`. */
export function histogramTimer<L extends string>(observe: HistogramMetric<L>['observe']): HistogramMetric<L>['startTimer'] {
  return (start = {}) => {
    const began = process.hrtime.bigint();
    return (end = {}) => observe({ ...start, ...end } as MetricLabels<L>, Number(process.hrtime.bigint() - began) / 1e9);
  };
}
