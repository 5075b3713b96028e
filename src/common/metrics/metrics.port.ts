/**
 * The one metrics API: modules and infrastructure define counters, histograms and gauges
 * by name and labels; the observability module sends them to Prometheus (/metrics),
 * to CloudWatch as Embedded Metric Format log lines, or both (METRICS_OUTPUT).
 * Labels become CloudWatch dimensions, so keep their values few (route templates, statuses).
 */
export const METRICS = Symbol('METRICS');

export type MetricLabels<L extends string = string> = Partial<Record<L, string | number>>;

/** CloudWatch's unit names; Prometheus carries the unit in the metric name instead (`_seconds`, `_total`). */
export type MetricUnit = 'Count' | 'Seconds' | 'Milliseconds' | 'Bytes' | 'Percent' | 'None';

export interface MetricDefinition<L extends string = string> {
  /** Prometheus style: snake_case, `_total` for counters, the unit as a suffix. */
  name: string;
  help: string;
  labelNames?: readonly L[];
  unit?: MetricUnit;
}

export interface HistogramDefinition<L extends string = string> extends MetricDefinition<L> {
  /** Prometheus bucket bounds; CloudWatch keeps the raw values and computes percentiles itself. */
  buckets?: number[];
}

export interface GaugeDefinition<L extends string = string> extends MetricDefinition<L> {
  /**
   * Read on demand (a Prometheus scrape) instead of set as things happen. Outputs that push
   * (EMF) do not poll: on AWS such values come from the service's own metrics (SQS depth and age).
   */
  collect?: () => Promise<Iterable<readonly [MetricLabels<L>, number]>>;
}

export interface CounterMetric<L extends string = string> {
  inc(labels?: MetricLabels<L>, value?: number): void;
}

export interface HistogramMetric<L extends string = string> {
  observe(labels: MetricLabels<L>, value: number): void;
  /** Starts a clock; calling the result observes the elapsed seconds with the labels of both calls. */
  startTimer(labels?: MetricLabels<L>): (labels?: MetricLabels<L>) => void;
}

export interface GaugeMetric<L extends string = string> {
  set(labels: MetricLabels<L>, value: number): void;
}

export interface Metrics {
  /** Defining the same name twice returns the first definition's metric. */
  counter<L extends string>(definition: MetricDefinition<L>): CounterMetric<L>;
  histogram<L extends string>(definition: HistogramDefinition<L>): HistogramMetric<L>;
  gauge<L extends string>(definition: GaugeDefinition<L>): GaugeMetric<L>;
  /** Writes out what a push output has buffered: after each Lambda invocation, on an interval, at shutdown. */
  flush(): void;
}
