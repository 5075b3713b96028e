import type {
  CounterMetric,
  GaugeDefinition,
  GaugeMetric,
  HistogramDefinition,
  HistogramMetric,
  MetricDefinition,
  MetricLabels,
  Metrics,
  MetricUnit,
} from '../../common/metrics/metrics.port';
import { histogramTimer } from './histogram-timer';

/** CloudWatch takes at most 100 values per metric in one EMF document. */
const MAX_VALUES = 100;

type Kind = 'counter' | 'histogram' | 'gauge';

interface Series {
  name: string;
  unit: MetricUnit;
  kind: Kind;
  dimensions: Record<string, string>;
  values: number[];
}

export interface EmfOptions {
  namespace: string;
  /** One JSON document per call; the Lambda or ECS log stream is where CloudWatch picks EMF up. */
  write?: (line: string) => void;
  now?: () => number;
}

/**
 * CloudWatch Embedded Metric Format: values are buffered in memory and written as JSON log
 * lines on flush. Counters are summed, gauges keep their last value, histograms keep every
 * value (CloudWatch computes the percentiles). Each series' labels are its dimensions.
 */
export class EmfMetrics implements Metrics {
  private readonly series = new Map<string, Series>();
  private readonly write: (line: string) => void;
  private readonly now: () => number;

  constructor(private readonly options: EmfOptions) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.now = options.now ?? Date.now;
  }

  counter<L extends string>(d: MetricDefinition<L>): CounterMetric<L> {
    return { inc: (labels = {}, value = 1) => this.record(d, 'counter', labels, value) };
  }

  histogram<L extends string>(d: HistogramDefinition<L>): HistogramMetric<L> {
    const observe = (labels: MetricLabels<L>, value: number) => this.record(d, 'histogram', labels, value);
    return { observe, startTimer: histogramTimer(observe) };
  }

  gauge<L extends string>(d: GaugeDefinition<L>): GaugeMetric<L> {
    return { set: (labels, value) => this.record(d, 'gauge', labels, value) };
  }

  flush(): void {
    const groups = new Map<string, Series[]>();
    for (const s of this.series.values()) {
      const key = JSON.stringify(Object.entries(s.dimensions));
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    this.series.clear();
    const timestamp = this.now();
    for (const group of groups.values()) {
      const { dimensions } = group[0];
      const longest = Math.max(...group.map((s) => s.values.length));
      // A histogram with more values than one document holds spills into further documents.
      for (let offset = 0; offset < longest; offset += MAX_VALUES) {
        const parts = group.filter((s) => s.values.length > offset);
        const document: Record<string, unknown> = {
          _aws: {
            Timestamp: timestamp,
            CloudWatchMetrics: [
              { Namespace: this.options.namespace, Dimensions: [Object.keys(dimensions)], Metrics: parts.map((s) => ({ Name: s.name, Unit: s.unit })) },
            ],
          },
          ...dimensions,
        };
        for (const s of parts) {
          const values = s.values.slice(offset, offset + MAX_VALUES);
          document[s.name] = values.length === 1 ? values[0] : values;
        }
        this.write(JSON.stringify(document));
      }
    }
  }

  private record(d: MetricDefinition, kind: Kind, labels: MetricLabels, value: number): void {
    // Sorted, so the same labels in any order are one series and one dimension set.
    const dimensions = Object.fromEntries(
      Object.entries(labels)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, String(v)]),
    );
    const key = `${d.name}\u0000${JSON.stringify(dimensions)}`;
    const series = this.series.get(key) ?? { name: d.name, unit: d.unit ?? (kind === 'counter' ? 'Count' : 'None'), kind, dimensions, values: [] };
    this.series.set(key, series);
    if (kind === 'counter') series.values = [(series.values[0] ?? 0) + value];
    else if (kind === 'gauge') series.values = [value];
    else series.values.push(value);
  }
}
