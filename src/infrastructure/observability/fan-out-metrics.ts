import type { CounterMetric, GaugeDefinition, GaugeMetric, HistogramDefinition, HistogramMetric, MetricDefinition, Metrics } from '../../common/metrics/metrics.port';

/** METRICS_OUTPUT=both: every definition and value goes to each output. */
export class FanOutMetrics implements Metrics {
  constructor(private readonly outputs: readonly Metrics[]) {}

  counter<L extends string>(d: MetricDefinition<L>): CounterMetric<L> {
    const all = this.outputs.map((o) => o.counter(d));
    return { inc: (labels, value) => all.forEach((m) => m.inc(labels, value)) };
  }

  histogram<L extends string>(d: HistogramDefinition<L>): HistogramMetric<L> {
    const all = this.outputs.map((o) => o.histogram(d));
    return {
      observe: (labels, value) => all.forEach((m) => m.observe(labels, value)),
      startTimer: (start) => {
        const stops = all.map((m) => m.startTimer(start));
        return (end) => stops.forEach((stop) => stop(end));
      },
    };
  }

  gauge<L extends string>(d: GaugeDefinition<L>): GaugeMetric<L> {
    const all = this.outputs.map((o) => o.gauge(d));
    return { set: (labels, value) => all.forEach((m) => m.set(labels, value)) };
  }

  flush(): void {
    for (const output of this.outputs) output.flush();
  }
}
