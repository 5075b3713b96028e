import { EmfMetrics } from './emf-metrics.adapter';

describe('EmfMetrics (CloudWatch Embedded Metric Format)', () => {
  let lines: string[];
  let metrics: EmfMetrics;
  const documents = () => lines.map((l) => JSON.parse(l) as Record<string, unknown> & { _aws: { Timestamp: number; CloudWatchMetrics: unknown[] } });

  beforeEach(() => {
    lines = [];
    metrics = new EmfMetrics({ namespace: 'Mercantil', write: (line) => lines.push(line), now: () => 1_700_000_000_000 });
  });

  it('writes one document per dimension set, with the namespace, dimensions from labels and units', () => {
    const processed = metrics.counter({ name: 'invoices_processed_total', help: 'h', labelNames: ['outcome'] });
    const duration = metrics.histogram({ name: 'duration_seconds', help: 'h', labelNames: ['outcome'], unit: 'Seconds' });
    processed.inc({ outcome: 'completed' });
    processed.inc({ outcome: 'completed' }, 2);
    duration.observe({ outcome: 'completed' }, 0.25);
    processed.inc({ outcome: 'failed' });
    metrics.flush();
    expect(documents()).toEqual([
      {
        _aws: {
          Timestamp: 1_700_000_000_000,
          CloudWatchMetrics: [
            {
              Namespace: 'Mercantil',
              Dimensions: [['outcome']],
              Metrics: [
                { Name: 'invoices_processed_total', Unit: 'Count' },
                { Name: 'duration_seconds', Unit: 'Seconds' },
              ],
            },
          ],
        },
        outcome: 'completed',
        invoices_processed_total: 3,
        duration_seconds: 0.25,
      },
      {
        _aws: { Timestamp: 1_700_000_000_000, CloudWatchMetrics: [{ Namespace: 'Mercantil', Dimensions: [['outcome']], Metrics: [{ Name: 'invoices_processed_total', Unit: 'Count' }] }] },
        outcome: 'failed',
        invoices_processed_total: 1,
      },
    ]);
  });

  it('treats labels in any order as one dimension set, and keeps a gauge at its last value', () => {
    const gauge = metrics.gauge({ name: 'depth', help: 'h', labelNames: ['queue', 'state'] });
    gauge.set({ queue: 'q', state: 'visible' }, 4);
    gauge.set({ state: 'visible', queue: 'q' }, 7);
    metrics.flush();
    expect(documents()).toHaveLength(1);
    expect(documents()[0]).toMatchObject({ queue: 'q', state: 'visible', depth: 7, _aws: { CloudWatchMetrics: [{ Dimensions: [['queue', 'state']] }] } });
  });

  it('keeps every histogram value, spilling past 100 into further documents', () => {
    const latency = metrics.histogram({ name: 'latency_seconds', help: 'h', labelNames: ['route'], unit: 'Seconds' });
    for (let i = 0; i < 150; i++) latency.observe({ route: '/v1/orders' }, i / 1000);
    metrics.flush();
    const [first, second] = documents();
    expect(first.latency_seconds).toHaveLength(100);
    expect(second.latency_seconds).toHaveLength(50);
    expect([...(first.latency_seconds as number[]), ...(second.latency_seconds as number[])]).toEqual(Array.from({ length: 150 }, (_, i) => i / 1000));
  });

  it('writes nothing when nothing was recorded, and starts empty after a flush', () => {
    metrics.flush();
    metrics.counter({ name: 'c_total', help: 'h' }).inc();
    metrics.flush();
    metrics.flush();
    expect(documents()).toEqual([expect.objectContaining({ c_total: 1, _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Dimensions: [[]] })] }) })]);
  });

  it('times a histogram with labels from the start and the end of the timer', () => {
    const stop = metrics.histogram({ name: 'took_seconds', help: 'h', labelNames: ['route', 'status'], unit: 'Seconds' }).startTimer({ route: '/x' });
    stop({ status: 200 });
    metrics.flush();
    const [doc] = documents();
    expect(doc).toMatchObject({ route: '/x', status: '200' });
    expect(doc.took_seconds).toEqual(expect.any(Number));
  });
});
