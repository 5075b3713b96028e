import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { metricsRangeAt, realtimeMetrics, WindowFigures } from '../../src/modules/sales/domain/realtime-metrics';
import type { SaleContribution } from '../../src/modules/sales/domain/sale-contribution';
import type { SalesMetricsStore } from '../../src/modules/sales/domain/sales-metrics-store.port';

export interface SalesMetricsStoreHarness {
  store: SalesMetricsStore;
  close(): Promise<void>;
}

const NOW = new Date('2026-03-01T10:07:45.000Z');

/** The behaviour every SalesMetricsStore adapter must share. Time is explicit: the windows are read "at" NOW. */
export function describeSalesMetricsStoreContract(name: string, open: () => Promise<SalesMetricsStoreHarness>): void {
  describe(`SalesMetricsStore contract: ${name}`, () => {
    let harness: SalesMetricsStoreHarness;
    let store: SalesMetricsStore;

    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    }, 120_000);
    afterAll(() => harness?.close());

    const tenant = () => `t-${randomUUID()}`;
    let seq = 0;
    const contribution = (tenantId: string, overrides: Partial<SaleContribution> = {}): SaleContribution => {
      seq += 1;
      return {
        tenantId,
        saleId: `order:o-${seq}:1`,
        supplierId: 'sup-1',
        productKey: 'SKU-1',
        currency: 'EUR',
        occurredAt: '2026-03-01T10:07:10.000Z',
        revenue: '10.10',
        units: '1',
        commission: '0.50',
        supplierOrders: 1,
        productOrders: 1,
        ...overrides,
      };
    };
    const metricsOf = async (tenantId: string, supplierId = 'sup-1', now = NOW) =>
      realtimeMetrics(supplierId, await store.readBuckets(tenantId, supplierId, metricsRangeAt(now)), now);
    const expected = (cs: SaleContribution[]): WindowFigures => {
      const revenue = cs.reduce((s, c) => s.plus(c.revenue), new Decimal(0));
      const orders = cs.reduce((s, c) => s + c.supplierOrders, 0);
      const aov = orders ? revenue.div(orders).toDecimalPlaces(4) : new Decimal(0);
      return {
        revenue: revenue.toFixed(Math.max(2, revenue.decimalPlaces())),
        units: cs.reduce((s, c) => s.plus(c.units), new Decimal(0)).toFixed(2),
        orders,
        averageOrderValue: aov.toFixed(Math.max(2, aov.decimalPlaces())),
        commission: cs.reduce((s, c) => s.plus(c.commission), new Decimal(0)).toFixed(2),
      };
    };

    it('counts sales into every window of the supplier and of the product', async () => {
      const t = tenant();
      const sales = [contribution(t), contribution(t, { productKey: 'SKU-2', revenue: '0.10', units: '3' }), contribution(t, { revenue: '7.77' })];
      expect(await store.apply(sales)).toBe(3);
      const [eur] = (await metricsOf(t)).currencies;
      for (const window of Object.values(eur.windows)) expect(window).toEqual(expected(sales));
      expect(eur.products.map((p) => [p.sku, p.windows.today])).toEqual([
        ['SKU-1', expected([sales[0], sales[2]])],
        ['SKU-2', expected([sales[1]])],
      ]);
    });

    it('counts each sale once, however often a batch is redelivered', async () => {
      const t = tenant();
      const sales = Array.from({ length: 30 }, (_, i) => contribution(t, { revenue: `${i}.01`, supplierOrders: i % 3 === 0 ? 1 : 0 }));
      expect(await store.apply(sales.slice(0, 20))).toBe(20);
      expect(await store.apply(sales)).toBe(10);
      expect(await store.apply(sales)).toBe(0);
      await store.apply([...sales.slice(5, 9), ...sales.slice(5, 9)]);
      expect((await metricsOf(t)).currencies[0].windows.today).toEqual(expected(sales));
    });

    it('adds concurrent batches of one supplier exactly', async () => {
      const t = tenant();
      const batches = Array.from({ length: 8 }, (_, b) => Array.from({ length: 25 }, (_, i) => contribution(t, { revenue: `0.${String(b * 25 + i + 1).padStart(3, '0')}`, units: '0.5' })));
      await Promise.all(batches.map((batch) => store.apply(batch)));
      // Redeliveries racing each other must not double count either.
      await Promise.all([store.apply(batches[0]), store.apply(batches[0]), store.apply(batches[7])]);
      expect((await metricsOf(t)).currencies[0].windows.last5Minutes).toEqual(expected(batches.flat()));
    });

    it('applies a corrected sale as the difference from what it counted', async () => {
      const t = tenant();
      const first = contribution(t, { revenue: '100.00', commission: '10.00' });
      const other = contribution(t, { revenue: '1.00', commission: '0.00' });
      await store.apply([first, other]);
      const corrected = { ...first, revenue: '80.25', commission: '8.03', productKey: 'SKU-9' };
      expect(await store.apply([corrected])).toBe(1);
      expect(await store.apply([corrected])).toBe(0);
      const metrics = (await metricsOf(t)).currencies[0];
      expect(metrics.windows.today).toEqual(expected([corrected, other]));
      expect(metrics.products.map((p) => [p.sku, p.windows.today.revenue, p.windows.today.orders])).toEqual([
        ['SKU-9', '80.25', 1],
        ['SKU-1', '1.00', 1],
      ]);
    });

    it('puts sales in windows by their time, at the window boundaries', async () => {
      const t = tenant();
      const at = (occurredAt: string) => contribution(t, { occurredAt });
      const yesterday = at('2026-02-28T23:59:59.999Z');
      const previousHour = at('2026-03-01T09:59:59.999Z');
      const sixtyMinutesBack = at('2026-03-01T09:08:00.000Z');
      const sixtyOneMinutesBack = at('2026-03-01T09:07:59.999Z');
      const fiveMinutesBack = at('2026-03-01T10:03:00.000Z');
      const sixMinutesBack = at('2026-03-01T10:02:59.999Z');
      const thisMinute = at('2026-03-01T10:07:00.000Z');
      const nextMinute = at('2026-03-01T10:08:00.000Z');
      await store.apply([yesterday, previousHour, sixtyMinutesBack, sixtyOneMinutesBack, fiveMinutesBack, sixMinutesBack, thisMinute, nextMinute]);
      const { windows } = (await metricsOf(t)).currencies[0];
      expect(windows.last5Minutes).toEqual(expected([fiveMinutesBack, thisMinute]));
      expect(windows.last60Minutes).toEqual(expected([previousHour, sixtyMinutesBack, fiveMinutesBack, sixMinutesBack, thisMinute]));
      expect(windows.currentHour).toEqual(expected([fiveMinutesBack, sixMinutesBack, thisMinute, nextMinute]));
      expect(windows.today).toEqual(expected([previousHour, sixtyMinutesBack, sixtyOneMinutesBack, fiveMinutesBack, sixMinutesBack, thisMinute, nextMinute]));

      const m = tenant();
      const beforeMidnight = contribution(m, { occurredAt: '2026-02-28T23:59:59.999Z' });
      const atMidnight = contribution(m, { occurredAt: '2026-03-01T00:00:00.000Z' });
      await store.apply([beforeMidnight, atMidnight]);
      const justAfter = (await metricsOf(m, 'sup-1', new Date('2026-03-01T00:00:30.000Z'))).currencies[0].windows;
      expect([justAfter.today, justAfter.currentHour]).toEqual([expected([atMidnight]), expected([atMidnight])]);
      expect([justAfter.last5Minutes, justAfter.last60Minutes]).toEqual([expected([beforeMidnight, atMidnight]), expected([beforeMidnight, atMidnight])]);
    });

    it('expiring past buckets changes no window, and an old sale corrected afterwards leaves them exact', async () => {
      const t = tenant();
      const old = contribution(t, { occurredAt: '2026-02-26T10:00:00.000Z', revenue: '5.00' });
      const current = contribution(t);
      await store.apply([old, current]);
      const before = await metricsOf(t);
      expect(await store.expire(NOW)).toBeGreaterThanOrEqual(0);
      expect(await metricsOf(t)).toEqual(before);
      expect(await store.apply([{ ...old, revenue: '4.00' }])).toBe(1);
      expect((await metricsOf(t)).currencies[0].windows.today).toEqual(expected([current]));
    });

    it('keeps exact decimals beyond what a float holds', async () => {
      const t = tenant();
      const sales = [
        contribution(t, { revenue: '999999999999999.9999', commission: '0.0001', units: '0.0001' }),
        contribution(t, { revenue: '0.0001', commission: '99999999999.9999', units: '123456789012345.1234' }),
      ];
      await store.apply(sales);
      const { today } = (await metricsOf(t)).currencies[0].windows;
      expect(today.revenue).toBe('1000000000000000.00');
      expect(today.commission).toBe('100000000000.00');
      expect(today.units).toBe('123456789012345.1235');
    });

    it('keeps tenants, suppliers and currencies apart', async () => {
      const [a, b] = [tenant(), tenant()];
      await store.apply([contribution(a), contribution(a, { supplierId: 'sup-2' }), contribution(a, { currency: 'USD', revenue: '3.00' })]);
      expect((await metricsOf(b)).currencies).toEqual([]);
      expect((await metricsOf(a)).currencies.map((c) => [c.currency, c.windows.today.revenue])).toEqual([['EUR', '10.10'], ['USD', '3.00']]);
      expect((await metricsOf(a, 'sup-2')).currencies.map((c) => c.windows.today.orders)).toEqual([1]);
    });
  });
}
