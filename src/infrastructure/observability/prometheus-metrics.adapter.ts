import { Counter, Gauge, Histogram, LabelValues, Registry } from 'prom-client';
import type {
  CounterMetric,
  GaugeDefinition,
  GaugeMetric,
  HistogramDefinition,
  HistogramMetric,
  MetricDefinition,
  MetricLabels,
  Metrics,
} from '../../common/metrics/metrics.port';
import { histogramTimer } from './histogram-timer';

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Metrics kept in a prom-client registry, which GET /metrics serves. */
export class PrometheusMetrics implements Metrics {
  private readonly defined = new Map<string, unknown>();

  constructor(readonly registry: Registry) {}

  counter<L extends string>(d: MetricDefinition<L>): CounterMetric<L> {
    return this.once(d.name, () => {
      const counter = new Counter<L>({ name: d.name, help: d.help, labelNames: d.labelNames ?? [], registers: [this.registry] });
      return { inc: (labels = {}, value = 1) => counter.inc(labels as LabelValues<L>, value) };
    });
  }

  histogram<L extends string>(d: HistogramDefinition<L>): HistogramMetric<L> {
    return this.once(d.name, () => {
      const histogram = new Histogram<L>({
        name: d.name,
        help: d.help,
        labelNames: d.labelNames ?? [],
        buckets: d.buckets ?? DEFAULT_BUCKETS,
        registers: [this.registry],
      });
      const observe = (labels: MetricLabels<L>, value: number) => histogram.observe(labels as LabelValues<L>, value);
      return { observe, startTimer: histogramTimer(observe) };
    });
  }

  gauge<L extends string>(d: GaugeDefinition<L>): GaugeMetric<L> {
    return this.once(d.name, () => {
      const read = d.collect;
      const gauge = new Gauge<L>({
        name: d.name,
        help: d.help,
        labelNames: d.labelNames ?? [],
        registers: [this.registry],
        ...(read && {
          async collect(this: Gauge<L>) {
            const values = await read();
            this.reset();
            for (const [labels, value] of values) this.set(labels as LabelValues<L>, value);
          },
        }),
      });
      return { set: (labels: MetricLabels<L>, value: number) => gauge.set(labels as LabelValues<L>, value) };
    });
  }

  /** Scraped, never pushed. */
  flush(): void {}

  private once<T>(name: string, create: () => T): T {
    if (!this.defined.has(name)) this.defined.set(name, create());
    return this.defined.get(name) as T;
  }
}
