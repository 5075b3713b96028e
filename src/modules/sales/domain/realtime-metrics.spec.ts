import Decimal from 'decimal.js';
import { bucketDeltas, bucketStartOf, MetricBucket } from './metric-buckets';
import { averageOrderValue, metricsRangeAt, realtimeMetrics } from './realtime-metrics';
import { contributionsOf, SaleContribution } from './sale-contribution';
import type { Sale } from './sale';

const sale = (overrides: Partial<Sale>): Sale => ({
  tenantId: 't1',
  saleId: 'order:o1:1',
  source: 'order',
  sourceId: 'o1',
  lineNumber: 1,
  supplierId: 'sup-1',
  sku: 'A',
  productName: 'A',
  category: null,
  customerId: 'c1',
  quantity: '1',
  unitPrice: '10',
  amount: '10',
  commission: '0.5',
  currency: 'EUR',
  occurredAt: '2026-03-01T10:07:30.000Z',
  ...overrides,
});

/** What a store holds after counting these contributions once. */
const bucketsOf = (contributions: SaleContribution[]): MetricBucket[] => bucketDeltas(contributions.map((next) => ({ previous: null, next })));

describe('real-time metric math', () => {
  it('puts an instant in its UTC minute, hour and day', () => {
    expect(bucketStartOf('2026-03-01T23:59:59.999+00:00', 'minute')).toBe('2026-03-01T23:59:00.000Z');
    expect(bucketStartOf('2026-03-02T00:30:00.000+02:00', 'hour')).toBe('2026-03-01T22:00:00.000Z');
    expect(bucketStartOf('2026-03-02T00:30:00.000+02:00', 'day')).toBe('2026-03-01T00:00:00.000Z');
  });

  it('counts an order once per supplier and once per product, however many lines it has', () => {
    const lines = [
      sale({ saleId: 'order:o1:1', lineNumber: 1, sku: 'A' }),
      sale({ saleId: 'order:o1:2', lineNumber: 2, sku: 'B' }),
      sale({ saleId: 'order:o1:3', lineNumber: 3, sku: 'A' }),
      sale({ saleId: 'order:o1:4', lineNumber: 4, sku: 'C', supplierId: 'sup-2' }),
    ];
    const contributions = contributionsOf(lines);
    expect(contributions.map((c) => [c.supplierOrders, c.productOrders])).toEqual([[1, 1], [0, 1], [0, 0], [1, 1]]);
  });

  it('sums each window from its buckets, with rolling windows of whole minutes', () => {
    const now = new Date('2026-03-01T10:07:45.000Z');
    const at = (occurredAt: string, sourceId: string, amount: string) =>
      sale({ saleId: `order:${sourceId}:1`, sourceId, occurredAt, amount, quantity: '2', commission: '0.25' });
    const sales = [
      at('2026-02-28T23:59:59.000Z', 'yesterday', '1000'),
      at('2026-03-01T08:59:00.000Z', 'early', '100'),
      at('2026-03-01T09:08:00.000Z', 'hour-ago', '10'), // inside the 60-minute window, outside this hour
      at('2026-03-01T09:07:59.000Z', 'just-out', '5000'), // 61st minute back: out of every rolling window
      at('2026-03-01T10:03:00.000Z', 'five-back', '1'), // the oldest minute of the 5-minute window
      at('2026-03-01T10:02:59.999Z', 'six-back', '3'),
      at('2026-03-01T10:07:01.000Z', 'now', '0.1'),
    ];
    const metrics = realtimeMetrics('sup-1', bucketsOf(contributionsOf(sales)), now);
    const [eur] = metrics.currencies;
    const figures = (amounts: string[]) => {
      const revenue = amounts.reduce((s, a) => s.plus(a), new Decimal(0));
      return {
        revenue: revenue.toFixed(2),
        units: (amounts.length * 2).toFixed(2),
        orders: amounts.length,
        averageOrderValue: revenue.div(amounts.length).toDecimalPlaces(4).toFixed(Math.max(2, revenue.div(amounts.length).toDecimalPlaces(4).decimalPlaces())),
        commission: new Decimal('0.25').times(amounts.length).toFixed(2),
      };
    };
    expect(eur.windows.today).toEqual(figures(['100', '10', '5000', '1', '3', '0.1']));
    expect(eur.windows.currentHour).toEqual(figures(['1', '3', '0.1']));
    expect(eur.windows.last5Minutes).toEqual(figures(['1', '0.1']));
    expect(eur.windows.last60Minutes).toEqual(figures(['10', '1', '3', '0.1']));
    expect(eur.products).toEqual([{ sku: 'A', windows: eur.windows }]);
  });

  it('keeps currencies apart and lists products by today revenue', () => {
    const now = new Date('2026-03-01T10:07:45.000Z');
    const sales = [
      sale({ saleId: 'order:o1:1', sku: 'A', amount: '5' }),
      sale({ saleId: 'order:o1:2', lineNumber: 2, sku: 'B', amount: '7' }),
      sale({ saleId: 'invoice:i1:1', source: 'invoice', sourceId: 'i1', sku: null, amount: '3', currency: 'USD', customerId: null }),
    ];
    const metrics = realtimeMetrics('sup-1', bucketsOf(contributionsOf(sales)), now);
    expect(metrics.currencies.map((c) => [c.currency, c.windows.today.revenue, c.windows.today.orders])).toEqual([['EUR', '12.00', 1], ['USD', '3.00', 1]]);
    expect(metrics.currencies[0].products.map((p) => p.sku)).toEqual(['B', 'A']);
    expect(metrics.currencies[1].products.map((p) => p.sku)).toEqual([null]);
  });

  it('applies a corrected sale as the difference, in the buckets it was counted in', () => {
    const first = contributionsOf([sale({ amount: '10', commission: '1' })])[0];
    const corrected = { ...first, revenue: '12.5', commission: '1.25', productKey: 'B' };
    const deltas = bucketDeltas([{ previous: first, next: corrected }]);
    const supplierDay = deltas.find((d) => d.granularity === 'day' && d.productKey === '')!;
    expect([supplierDay.revenue, supplierDay.commission, supplierDay.orders]).toEqual(['2.5', '0.25', 0]);
    const productDays = deltas.filter((d) => d.granularity === 'day' && d.productKey !== '').map((d) => [d.productKey, d.revenue, d.orders]);
    expect(productDays).toEqual([['A', '-10', -1], ['B', '12.5', 1]]);
    expect(bucketDeltas([{ previous: first, next: { ...first } }])).toEqual([]);
  });

  it('computes the average order value exactly, rounded half-even to 4 decimals', () => {
    expect(averageOrderValue('10', 3)).toBe('3.3333');
    expect(averageOrderValue('0.00005', 1)).toBe('0.00');
    expect(averageOrderValue('0.00015', 1)).toBe('0.0002');
    expect(averageOrderValue('1265793.04', 0)).toBe('0.00');
    expect(averageOrderValue('99999999999999.99', 7)).toBe('14285714285714.2843');
  });

  it('ranges the last 60 minute buckets up to the current one', () => {
    expect(metricsRangeAt(new Date('2026-03-01T00:00:05Z'))).toEqual({
      day: '2026-03-01T00:00:00.000Z',
      hour: '2026-03-01T00:00:00.000Z',
      minuteFrom: '2026-02-28T23:01:00.000Z',
      minuteTo: '2026-03-01T00:00:00.000Z',
    });
  });
});
