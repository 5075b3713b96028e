import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Decimal from 'decimal.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { changeIdOf, type ChangeEvent } from '../src/common/change-feed/change-event';
import { QUEUE, Queue } from '../src/common/queue/queue.port';
import { SALES_REPORTS_QUEUE } from '../src/common/queue/queue-definition';
import { GetOrderQuery, type OrderProps } from '../src/modules/orders';
import { BuildDailyReportsCommand, OrderSalesSubscriber, RecordSalesCommand, type SaleInput } from '../src/modules/sales';
import { orderBody } from './support/order-fixtures';
import { figuresOf, readParquet, SaleFact, windowFigures } from './support/sales-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const orderChange = (order: OrderProps): ChangeEvent => ({
  changeId: changeIdOf({ entity: 'order', tenantId: order.tenantId, key: order.orderId, version: order.version }),
  tenantId: order.tenantId,
  entity: 'order',
  key: order.orderId,
  version: order.version,
  op: 'upsert',
  occurredAt: order.updatedAt,
  data: { ...order },
});
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);

describe('Sales (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let stranger: string;
  let commands: CommandBus;
  let subscriber: OrderSalesSubscriber;
  const facts: SaleFact[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const hourAtStart = new Date().toISOString().slice(0, 13);

  beforeAll(async () => {
    t = await startTestApp();
    admin = `Bearer ${await t.token({ tenantId: 't1' })}`;
    stranger = `Bearer ${await t.token({ tenantId: 't2' })}`;
    commands = t.app.get(CommandBus);
    subscriber = t.app.get(OrderSalesSubscriber);
    for (const product of [
      { sku: 'ACEITE-500', name: 'Aceite 500 ml', category: 'oils', supplierId: 'sup-1' },
      { sku: 'VINAGRE-1L', name: 'Vinagre 1 l', category: 'vinegars', supplierId: 'sup-1' },
      { sku: 'ARROZ-1KG', name: 'Arroz 1 kg', category: 'rice', supplierId: 'sup-2' },
    ]) {
      expect((await t.http().post('/v1/products').set('Authorization', admin).send(product)).status).toBe(201);
    }
    const agreement = { supplierId: 'sup-1', currency: 'EUR', validFrom: '2025-01-01', rules: [{ kind: 'percentage', category: 'oils', rate: '2.5' }] };
    expect((await t.http().post('/v1/commissions/agreements').set('Authorization', admin).send(agreement)).status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close());

  async function completedOrder(items: { sku: string; name: string; quantity: number; unitPrice: string }[]): Promise<OrderProps> {
    const created = await t.http().post('/v1/orders').set('Authorization', admin).send(orderBody({ items }));
    expect(created.status).toBe(201);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const order = await t.app.get(QueryBus).execute(new GetOrderQuery('t1', created.body.orderId));
      if (order.status === 'COMPLETED') return order;
      if (Date.now() > deadline || ['PAYMENT_FAILED', 'CANCELLED'].includes(order.status)) throw new Error(`Order ended ${order.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const supplierOf: Record<string, string> = { 'ACEITE-500': 'sup-1', 'VINAGRE-1L': 'sup-1', 'ARROZ-1KG': 'sup-2' };
  const orderFacts = (order: OrderProps): SaleFact[] =>
    order.items.map((item) => {
      const amount = new Decimal(item.unitPrice).times(item.quantity);
      return {
        supplierId: supplierOf[item.sku] ?? 'unassigned',
        sku: item.sku,
        currency: 'EUR',
        orderKey: `order:${order.orderId}`,
        amount: amount.toFixed(),
        quantity: String(item.quantity),
        commission: item.sku === 'ACEITE-500' ? cents(amount.times('0.025')) : '0',
      };
    });
  const realtime = (supplierId: string, auth = admin) => t.http().get(`/v1/sales/suppliers/${supplierId}/metrics/realtime`).set('Authorization', auth);
  const of = (supplierId: string, sku?: string) => facts.filter((f) => f.supplierId === supplierId && (sku === undefined || f.sku === sku));

  function expectWindows(body: { currencies: { currency: string; windows: Record<string, unknown> }[] }, expected: SaleFact[]) {
    const figures = windowFigures(figuresOf(expected));
    const [eur] = body.currencies;
    expect(eur.currency).toBe('EUR');
    expect(eur.windows.last5Minutes).toEqual(figures);
    expect(eur.windows.last60Minutes).toEqual(figures);
    // Unless the test ran across an hour (or day) boundary, every sale is also this hour's and today's.
    if (new Date().toISOString().slice(0, 13) === hourAtStart) {
      expect(eur.windows.currentHour).toEqual(figures);
      expect(eur.windows.today).toEqual(figures);
    }
  }

  it('records completed orders and invoice lines into real-time metrics that match figures computed independently', async () => {
    const orders = [
      await completedOrder([
        { sku: 'ACEITE-500', name: 'Aceite', quantity: 3, unitPrice: '4.35' },
        { sku: 'ARROZ-1KG', name: 'Arroz', quantity: 2, unitPrice: '1.1' },
        { sku: 'ACEITE-500', name: 'Aceite', quantity: 1, unitPrice: '4.35' },
      ]),
      await completedOrder([
        { sku: 'VINAGRE-1L', name: 'Vinagre', quantity: 7, unitPrice: '0.99' },
        { sku: 'NO-SUCH-SKU', name: 'Misterio', quantity: 1, unitPrice: '10' },
      ]),
      await completedOrder([{ sku: 'ACEITE-500', name: 'Aceite', quantity: 10, unitPrice: '4.199' }]),
    ];
    // Declined, so the fulfilment never completes it: no sale, even from the live change feed.
    const pending = (await t.http().post('/v1/orders').set('Authorization', admin).send(orderBody({ paymentMethod: 'pm_card_chargeDeclined' }))).body.orderId;
    const pendingOrder = await t.app.get(QueryBus).execute(new GetOrderQuery('t1', pending));
    await subscriber.handleChanges([...orders.map(orderChange), { ...orderChange(pendingOrder), data: { ...pendingOrder, status: 'PENDING' } }]);
    facts.push(...orders.flatMap(orderFacts));

    const invoiceLines: SaleInput[] = [
      { quantity: '2.5', unitPrice: '3.20', amount: '8.00', commission: '0.20', sku: 'ACEITE-500' },
      { quantity: '1', unitPrice: '12.3456', amount: '12.3456', commission: '0.00', sku: null },
    ].map((line, i) => ({
      ...line,
      tenantId: 't1',
      source: 'invoice',
      sourceId: 'inv-1',
      lineNumber: i + 1,
      supplierId: 'sup-1',
      productName: `line ${i + 1}`,
      category: null,
      customerId: null,
      currency: 'EUR',
      occurredAt: new Date().toISOString(),
    }));
    await commands.execute(new RecordSalesCommand(invoiceLines));
    facts.push(...invoiceLines.map((l) => ({ supplierId: 'sup-1', sku: l.sku, currency: 'EUR', orderKey: 'invoice:inv-1', amount: l.amount, quantity: l.quantity, commission: l.commission })));

    const sup1 = await realtime('sup-1');
    expect(sup1.status).toBe(200);
    expect(sup1.body.supplierId).toBe('sup-1');
    expectWindows(sup1.body, of('sup-1'));
    const products = sup1.body.currencies[0].products as { sku: string | null; windows: { last60Minutes: unknown } }[];
    expect(products.map((p) => p.sku).sort()).toEqual(['ACEITE-500', 'VINAGRE-1L', null].sort());
    for (const product of products) expect(product.windows.last60Minutes).toEqual(windowFigures(figuresOf(of('sup-1', product.sku as string))));
    expectWindows((await realtime('sup-2')).body, of('sup-2'));
    expectWindows((await realtime('unassigned')).body, of('unassigned'));
    // The commission is the agreement's 2.5 % of each oils line, rounded to cents per line.
    expect(figuresOf(of('sup-1', 'ACEITE-500')).commission).not.toBe('0.00');
  });

  it('leaves the metrics exact when changes are redelivered and an invoice is re-published with a correction', async () => {
    const before = (await realtime('sup-2')).body;
    const orders = await Promise.all(facts.filter((f) => f.orderKey.startsWith('order:')).map((f) => f.orderKey.slice(6)));
    const changes = await Promise.all([...new Set(orders)].map(async (id) => orderChange(await t.app.get(QueryBus).execute(new GetOrderQuery('t1', id)))));
    await subscriber.handleChanges([...changes, ...changes]);
    await Promise.all([subscriber.handleChanges(changes), subscriber.handleChanges(changes)]);
    expect((await realtime('sup-2')).body.currencies).toEqual(before.currencies);

    // After a review confirmed line 2's product, the invoice is published again: same sale ids, new figures.
    const corrected = { commission: '0.31', sku: 'ACEITE-500' };
    const line2 = facts.find((f) => f.orderKey === 'invoice:inv-1' && f.sku === null)!;
    await commands.execute(
      new RecordSalesCommand(
        [
          { lineNumber: 1, quantity: '2.5', unitPrice: '3.20', amount: '8.00', commission: '0.20', sku: 'ACEITE-500' },
          { lineNumber: 2, quantity: '1', unitPrice: '12.3456', amount: '12.3456', ...corrected },
        ].map((line) => ({ ...line, tenantId: 't1', source: 'invoice' as const, sourceId: 'inv-1', supplierId: 'sup-1', productName: 'x', category: null, customerId: null, currency: 'EUR', occurredAt: new Date().toISOString() })),
      ),
    );
    Object.assign(line2, corrected);
    const sup1 = (await realtime('sup-1')).body;
    expectWindows(sup1, of('sup-1'));
    expect(sup1.currencies[0].products.map((p: { sku: string | null }) => p.sku).sort()).toEqual(['ACEITE-500', 'VINAGRE-1L']);
  });

  it('shows another tenant nothing', async () => {
    const res = await realtime('sup-1', stranger);
    expect(res.status).toBe(200);
    expect(res.body.currencies).toEqual([]);
  });

  describe('daily batch and reports', () => {
    const lake = () => join(t.dataDir, 'objects', 'mercantil-data-lake');
    const snapshot = () => {
      const files: Record<string, string> = {};
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else if (/^(sales|sales_daily_reports)\//.test(relative(lake(), path))) files[relative(lake(), path)] = readFileSync(path).toString('base64');
        }
      };
      walk(lake());
      return files;
    };
    const reports = (path: string, auth = admin) => t.http().get(path).set('Authorization', auth);

    it('builds the day from the queue, and a re-run leaves the same lake files and summary rows', async () => {
      await t.app.get<Queue>(QUEUE).send(SALES_REPORTS_QUEUE, { date: today });
      const deadline = Date.now() + 30_000;
      let first = await reports(`/v1/sales/reports/${today}`);
      while (first.body.items.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        first = await reports(`/v1/sales/reports/${today}`);
      }
      const files = snapshot();
      const partition = `tenant=t1/year=${today.slice(0, 4)}/month=${today.slice(5, 7)}/day=${today.slice(8, 10)}`;
      expect(Object.keys(files).sort()).toEqual(
        [`sales/${partition}/part-0.parquet`, ...['sup-1', 'sup-2', 'unassigned'].map((s) => `sales_daily_reports/${partition}/supplier=${s}.parquet`)].sort(),
      );
      expect(await commands.execute(new BuildDailyReportsCommand(today))).toMatchObject({ tenants: 1, sales: facts.length, reports: 3 });
      expect(snapshot()).toEqual(files);
      expect((await reports(`/v1/sales/reports/${today}`)).body).toEqual(first.body);

      expect(first.body.items).toEqual(
        ['sup-1', 'sup-2', 'unassigned'].map((supplierId) => ({
          date: today,
          supplierId,
          currency: 'EUR',
          ...figuresOf(of(supplierId)),
          reportKey: `sales_daily_reports/${partition}/supplier=${supplierId}.parquet`,
        })),
      );
      const salesRows = await readParquet(Buffer.from(files[`sales/${partition}/part-0.parquet`], 'base64'));
      expect(salesRows.map((r) => r.sale_id).sort()).toHaveLength(facts.length);
      const sup1Rows = await readParquet(Buffer.from(files[`sales_daily_reports/${partition}/supplier=sup-1.parquet`], 'base64'));
      expect(sup1Rows.map((r) => [r.sku, r.sales])).toEqual([['ACEITE-500', of('sup-1', 'ACEITE-500').length], ['VINAGRE-1L', 1]]);
    });

    it('serves a supplier range and a day as JSON or CSV, to its tenant only', async () => {
      const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      const json = await reports(`/v1/sales/suppliers/sup-2/reports?from=${from}&to=${today}`);
      expect(json.status).toBe(200);
      expect(json.body).toEqual({ supplierId: 'sup-2', from, to: today, items: [expect.objectContaining({ date: today, ...figuresOf(of('sup-2')) })] });
      expect((await reports(`/v1/sales/suppliers/sup-2/reports?from=${from}&to=${today}`, stranger)).body.items).toEqual([]);
      expect((await reports(`/v1/sales/reports/${today}`, stranger)).body.items).toEqual([]);

      const csv = await t.http().get(`/v1/sales/suppliers/sup-2/reports?from=${today}&to=${today}`).set('Authorization', admin).set('Accept', 'text/csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="sales-sup-2-${today}-${today}.csv"`);
      const f = figuresOf(of('sup-2'));
      expect(csv.text).toBe(
        'date,supplierId,currency,revenue,units,orders,averageOrderValue,commission,sales,products\r\n' +
          `${today},sup-2,EUR,${f.revenue},${f.units},${f.orders},${f.averageOrderValue},${f.commission},${f.sales},${f.products}\r\n`,
      );
      const day = await reports(`/v1/sales/reports/${today}?format=csv`);
      expect(day.headers['content-disposition']).toBe(`attachment; filename="sales-${today}.csv"`);
      expect(day.text.trim().split('\r\n')).toHaveLength(4);
    });

    it('rejects malformed dates and ranges with 400', async () => {
      for (const path of [
        '/v1/sales/suppliers/sup-1/reports?from=2026-02-30x&to=2026-03-01',
        '/v1/sales/suppliers/sup-1/reports?from=2026-03-02&to=2026-03-01',
        '/v1/sales/suppliers/sup-1/reports?from=2020-01-01&to=2026-03-01',
        '/v1/sales/suppliers/sup-1/reports?to=2026-03-01',
        '/v1/sales/suppliers/sup-1/reports?from=2026-03-01&to=2026-03-01&format=xml',
        '/v1/sales/suppliers/sup-1/reports?from=2026-03-01&to=2026-03-01&limit=5',
        '/v1/sales/reports/2026-13-01',
        '/v1/sales/reports/yesterday',
      ]) {
        const res = await reports(path);
        expect([path, res.status]).toEqual([path, 400]);
      }
      expect((await t.http().get('/v1/sales/reports/2026-03-01')).status).toBe(401);
    });
  });

  it('builds daily reports of a generated data set equal to figures computed independently with decimal.js', async () => {
    // Deterministic pseudo-random sales over three days, several suppliers and two currencies.
    let seed = 42;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const days = ['2025-06-01', '2025-06-02', '2025-06-03'];
    const inputs: SaleInput[] = [];
    for (let order = 1; order <= 120; order++) {
      const day = days[next(3)];
      const currency = next(5) === 0 ? 'USD' : 'EUR';
      const occurredAt = `${day}T${String(next(24)).padStart(2, '0')}:${String(next(60)).padStart(2, '0')}:00.000Z`;
      for (let line = 1; line <= 1 + next(4); line++) {
        const quantity = `${1 + next(9)}${next(2) ? `.${next(1000)}` : ''}`;
        const unitPrice = `${next(200)}.${String(next(100)).padStart(2, '0')}`;
        inputs.push({
          tenantId: 't-data',
          source: next(4) === 0 ? 'invoice' : 'order',
          sourceId: `doc-${order}`,
          lineNumber: line,
          supplierId: `sup-${next(4)}`,
          sku: next(10) === 0 ? null : `SKU-${next(6)}`,
          productName: 'p',
          category: null,
          customerId: null,
          quantity,
          unitPrice,
          amount: new Decimal(unitPrice).times(quantity).toDecimalPlaces(4).toFixed(),
          commission: new Decimal(unitPrice).times(quantity).times('0.035').toDecimalPlaces(2).toFixed(),
          currency,
          occurredAt,
        });
      }
    }
    // Recorded in batches that split documents' lines apart would miscount orders, so each document comes whole.
    const bySource = [...groupBy(inputs, (s) => s.sourceId).values()];
    for (let i = 0; i < bySource.length; i += 25) await commands.execute(new RecordSalesCommand(bySource.slice(i, i + 25).flat()));
    for (const day of days) {
      await commands.execute(new BuildDailyReportsCommand(day, 't-data'));
      await commands.execute(new BuildDailyReportsCommand(day, 't-data'));
    }
    const token = `Bearer ${await t.token({ tenantId: 't-data' })}`;
    for (const day of days) {
      const { body } = await t.http().get(`/v1/sales/reports/${day}`).set('Authorization', token);
      const ofDay = inputs.filter((s) => s.occurredAt.startsWith(day));
      const groups = [...groupBy(ofDay, (s) => `${s.supplierId}|${s.currency}`).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      expect(body.items).toEqual(
        groups.map(([key, sales]) => {
          const [supplierId, currency] = key.split('|');
          const facts = sales.map((s) => ({ supplierId, sku: s.sku, currency, orderKey: `${s.source}:${s.sourceId}`, amount: s.amount, quantity: s.quantity, commission: s.commission }));
          return expect.objectContaining({ date: day, supplierId, currency, ...figuresOf(facts) });
        }),
      );
    }
  });
});
