import Decimal from 'decimal.js';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LakeChangeSubscriber } from '../src/modules/analytics';
import type { InvoiceLakeRow } from '../src/modules/invoices';
import { Order } from '../src/modules/orders/domain/order';
import type { SaleRow } from '../src/modules/sales';
import { invoiceLine, sale, writeInvoiceLines, writeSales } from './support/analytics-lake';
import { orderChange } from './support/lake-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const A = 'an-a';
const B = 'an-b';
const SUPPLIERS = ['s1', 's2', 's3', 's4'];
const CATEGORIES = ['aceites', 'cafes', 'aguas'];
const PRICES = ['0.10', '19.99', '1234.5678', '0.0125', '7.35', '99.9999'];

/** 240 sales per tenant over the first half of 2024, with awkward decimals; tenant B's are ten times bigger. */
function generateSales(tenant: string): SaleRow[] {
  return Array.from({ length: 240 }, (_, n) => {
    const quantity = String(1 + (n % 7));
    const unitPrice = PRICES[n % PRICES.length];
    const amount = new Decimal(unitPrice).times(quantity).times(tenant === B ? 10 : 1).toFixed(4);
    const product = n % 10;
    return sale({
      tenant_id: tenant,
      sale_id: `order:o${n}:1`,
      source: n % 5 === 0 ? 'invoice' : 'order',
      occurred_at: new Date(Date.UTC(2024, 0, 1) + n * 18 * 3_600_000 + (n % 3) * 1000).toISOString(),
      supplier_id: SUPPLIERS[n % SUPPLIERS.length],
      sku: `P-${product}`,
      product_name: `Producto ${product}`,
      category: CATEGORIES[product % CATEGORIES.length],
      customer_id: n % 5 === 0 ? null : `c${n % 8}`,
      quantity,
      unit_price: unitPrice,
      amount,
      commission: new Decimal(amount).times('0.05').toDecimalPlaces(4).toFixed(4),
    });
  });
}

const inRange = (row: SaleRow, from: string, to: string) => row.occurred_at.slice(0, 10) >= from && row.occurred_at.slice(0, 10) <= to;
function sumBy<R>(rows: readonly R[], key: (row: R) => string, value: (row: R) => string): Map<string, Decimal> {
  const sums = new Map<string, Decimal>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? new Decimal(0)).plus(value(row)));
  return sums;
}
const total = (rows: readonly SaleRow[], value: (row: SaleRow) => string) => rows.reduce((s, r) => s.plus(value(r)), new Decimal(0));

describe('Analytics over the lake (e2e)', () => {
  let t: TestApp;
  let tokenA: string;
  let tokenB: string;
  const salesA = generateSales(A);
  const salesB = generateSales(B);
  const orders: Order[] = [];
  const invoiceLines: InvoiceLakeRow[] = [];
  const authA = () => ({ Authorization: `Bearer ${tokenA}` });

  beforeAll(async () => {
    t = await startTestApp();
    tokenA = await t.token({ tenantId: A });
    tokenB = await t.token({ tenantId: B });
    const lakeRoot = join(t.dataDir, 'objects', 'mercantil-data-lake');
    await writeSales(lakeRoot, [...salesA, ...salesB]);
    // Orders through the real lake writer: each one written twice (v1, then a revision), so
    // the lake holds each order's newest version once.
    const lake = t.app.get(LakeChangeSubscriber);
    for (const tenantId of [A, B]) {
      for (let n = 0; n < 12; n++) {
        const v1 = Order.create(
          {
            orderId: `00000000-0000-4000-8000-${tenantId === A ? 'a' : 'b'}${String(n).padStart(11, '0')}`,
            tenantId,
            customerId: `c${n % 3}`,
            customerName: 'Cliente',
            customerEmail: 'c@example.com',
            currency: 'EUR',
            items: [
              { sku: `P-${n % 4}`, name: 'Producto', quantity: 1 + (n % 3), unitPrice: PRICES[n % PRICES.length] },
              { sku: 'P-9', name: 'Otro', quantity: 2, unitPrice: '0.0125' },
            ],
            shippingAddress: { line1: 'Calle 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
          },
          new Date(Date.UTC(2024, n % 6, 1 + n, 12)),
        );
        const v2 = v1.revise({ items: v1.props.items.map((i) => ({ ...i, quantity: i.quantity + 1 })) }, new Date(Date.UTC(2024, n % 6, 2 + n)));
        const latest = n === 11 ? v2.cancel(new Date(Date.UTC(2024, 5, 28))) : v2;
        await lake.handleChanges([orderChange(v1), orderChange(latest)]);
        if (tenantId === A) orders.push(latest);
      }
    }
    for (const tenantId of [A, B]) {
      for (let n = 0; n < 6; n++) {
        for (let position = 0; position < 3; position++) {
          invoiceLines.push(
            invoiceLine({
              tenant_id: tenantId,
              invoice_id: `${tenantId}-inv-${n}`,
              position,
              issue_date: `2024-0${1 + n}-15`,
              line_total: position === 2 ? null : new Decimal(PRICES[(n + position) % PRICES.length]).times(3).toFixed(4),
              commission_amount: position === 2 ? null : '0.25',
            }),
          );
        }
      }
    }
    writeInvoiceLines(lakeRoot, invoiceLines);
  });
  afterAll(() => t?.close());

  const report = (body: object, query = '') => t.http().post(`/analytics/${A}/report${query}`).set(authA()).send(body);

  it('GET /analytics/{tenantId}: totals, averages and counts of sales, orders and invoices over the range', async () => {
    const [from, to] = ['2024-01-01', '2024-03-31'];
    const sales = salesA.filter((r) => inRange(r, from, to));
    const activeOrders = orders.filter((o) => o.props.createdAt.slice(0, 10) <= to && o.props.status !== 'CANCELLED');
    const orderRevenue = activeOrders.flatMap((o) => o.props.items).reduce((s, i) => s.plus(new Decimal(i.unitPrice).times(i.quantity)), new Decimal(0));
    const invoices = invoiceLines.filter((l) => l.tenant_id === A && l.issue_date! <= to);
    const invoiceTotal = invoices.reduce((s, l) => s.plus(l.line_total ?? 0), new Decimal(0));

    const res = await t.http().get(`/analytics/${A}?from=${from}&to=${to}`).set(authA()).expect(200);
    expect(res.body).toEqual({
      tenantId: A,
      from,
      to,
      sales: {
        sales: sales.length,
        revenue: total(sales, (r) => r.amount).toFixed(4),
        commission: total(sales, (r) => r.commission).toFixed(4),
        units: total(sales, (r) => r.quantity).toFixed(4),
        average_sale: total(sales, (r) => r.amount).div(sales.length).toFixed(4, Decimal.ROUND_HALF_UP),
        suppliers: 4,
        customers: new Set(sales.map((r) => r.customer_id).filter(Boolean)).size,
      },
      orders: {
        orders: activeOrders.length,
        lines: activeOrders.length * 2,
        revenue: orderRevenue.toFixed(4),
        units: activeOrders.flatMap((o) => o.props.items).reduce((s, i) => s + i.quantity, 0),
        customers: 3,
        average_order_value: orderRevenue.div(activeOrders.length).toFixed(4, Decimal.ROUND_HALF_UP),
      },
      invoices: {
        invoices: 3,
        lines: 9,
        total: invoiceTotal.toFixed(4),
        commission: '1.5000',
        average_invoice_total: invoiceTotal.div(3).toFixed(4, Decimal.ROUND_HALF_UP),
      },
    });
    expect(activeOrders.length).toBeGreaterThan(3);
  });

  it('reports revenue by month, exactly', async () => {
    const res = await report({
      dataset: 'sales',
      dimensions: [{ field: 'date', granularity: 'month' }],
      metrics: [{ fn: 'sum', field: 'amount', as: 'revenue' }, { fn: 'count', as: 'sales' }],
      from: '2024-01-01',
      to: '2024-12-31',
    }).expect(200);
    const byMonth = sumBy(salesA, (r) => `${r.occurred_at.slice(0, 7)}-01`, (r) => r.amount);
    expect(res.body.columns).toEqual([{ name: 'date', type: 'date' }, { name: 'revenue', type: 'decimal' }, { name: 'sales', type: 'integer' }]);
    expect(res.body.rows).toEqual(
      [...byMonth].sort().map(([date, revenue]) => ({ date, revenue: revenue.toFixed(4), sales: salesA.filter((r) => `${r.occurred_at.slice(0, 7)}-01` === date).length })),
    );
    expect(res.body.truncated).toBe(false);
  });

  it('reports revenue, commission and average by supplier for a quarter', async () => {
    const quarter = salesA.filter((r) => inRange(r, '2024-04-01', '2024-06-30'));
    const res = await report({
      dataset: 'sales',
      dimensions: [{ field: 'supplier' }],
      metrics: [{ fn: 'sum', field: 'amount', as: 'revenue' }, { fn: 'sum', field: 'commission', as: 'commission' }, { fn: 'avg', field: 'amount', as: 'average' }],
      from: '2024-04-01',
      to: '2024-06-30',
    }).expect(200);
    expect(res.body.rows).toEqual(
      SUPPLIERS.map((supplier) => {
        const rows = quarter.filter((r) => r.supplier_id === supplier);
        const revenue = total(rows, (r) => r.amount);
        return { supplier, revenue: revenue.toFixed(4), commission: total(rows, (r) => r.commission).toFixed(4), average: revenue.div(rows.length).toFixed(4, Decimal.ROUND_HALF_UP) };
      }),
    );
  });

  it('reports the top products by revenue, with filters, sorted and limited', async () => {
    const filtered = salesA.filter((r) => ['s1', 's2'].includes(r.supplier_id) && new Decimal(r.amount).gte('10'));
    const expected = [...sumBy(filtered, (r) => r.sku!, (r) => r.amount)]
      .sort(([pa, a], [pb, b]) => b.comparedTo(a) || pa.localeCompare(pb))
      .slice(0, 3)
      .map(([product, revenue]) => ({ product, revenue: revenue.toFixed(4) }));
    const res = await report({
      dataset: 'sales',
      dimensions: [{ field: 'product' }],
      metrics: [{ fn: 'sum', field: 'amount', as: 'revenue' }],
      filters: [
        { field: 'supplier', op: 'in', values: ['s1', 's2'] },
        { field: 'amount', op: 'gte', value: 10 },
      ],
      sort: [{ by: 'revenue', direction: 'desc' }],
      limit: 3,
      from: '2024-01-01',
      to: '2024-12-31',
    }).expect(200);
    expect(res.body.rows).toEqual(expected);
    expect(res.body.truncated).toBe(true);
  });

  it('counts distinct customers by category, and orders once each by status', async () => {
    const byCategory = await report({
      dataset: 'sales',
      dimensions: [{ field: 'category' }],
      metrics: [{ fn: 'count_distinct', field: 'customer', as: 'customers' }],
      from: '2024-01-01',
      to: '2024-06-30',
    }).expect(200);
    expect(byCategory.body.rows).toEqual(
      [...CATEGORIES].sort().map((category) => ({ category, customers: new Set(salesA.filter((r) => r.category === category && r.customer_id).map((r) => r.customer_id)).size })),
    );
    const byStatus = await report({ dataset: 'orders', dimensions: [{ field: 'status' }], metrics: [{ fn: 'count_distinct', field: 'order', as: 'orders' }], from: '2024-01-01', to: '2024-12-31' }).expect(200);
    expect(byStatus.body.rows).toEqual([
      { status: 'CANCELLED', orders: 1 },
      { status: 'PENDING', orders: 11 },
    ]);
  });

  it('mixes a distinct count with every other metric, by supplier and over an empty range', async () => {
    const metrics = [
      { fn: 'count_distinct', field: 'customer', as: 'customers' },
      { fn: 'count', as: 'sales' },
      { fn: 'count', field: 'customer', as: 'with_customer' },
      { fn: 'sum', field: 'amount', as: 'revenue' },
      { fn: 'avg', field: 'amount', as: 'average' },
      { fn: 'min', field: 'unit_price', as: 'cheapest' },
      { fn: 'max', field: 'quantity', as: 'most_units' },
    ];
    const bySupplier = await report({ dataset: 'sales', dimensions: [{ field: 'supplier' }], metrics, sort: [{ by: 'customers', direction: 'desc' }], from: '2024-01-01', to: '2024-12-31' }).expect(200);
    const expected = SUPPLIERS.map((supplier) => {
      const rows = salesA.filter((r) => r.supplier_id === supplier);
      const revenue = total(rows, (r) => r.amount);
      const withCustomer = rows.filter((r) => r.customer_id !== null);
      return {
        supplier,
        customers: new Set(withCustomer.map((r) => r.customer_id)).size,
        sales: rows.length,
        with_customer: withCustomer.length,
        revenue: revenue.toFixed(4),
        average: revenue.div(rows.length).toFixed(4, Decimal.ROUND_HALF_UP),
        cheapest: Decimal.min(...rows.map((r) => r.unit_price)).toFixed(4),
        most_units: Decimal.max(...rows.map((r) => r.quantity)).toFixed(4),
      };
    }).sort((a, b) => b.customers - a.customers || a.supplier.localeCompare(b.supplier));
    expect(bySupplier.body.rows).toEqual(expected);
    expect(bySupplier.body.columns.map((c: { type: string }) => c.type)).toEqual(['string', 'integer', 'integer', 'integer', 'decimal', 'decimal', 'decimal', 'decimal']);

    const nothing = await report({ dataset: 'sales', metrics, from: '2023-01-01', to: '2023-12-31' }).expect(200);
    expect(nothing.body.rows).toEqual([{ customers: 0, sales: 0, with_customer: 0, revenue: null, average: null, cheapest: null, most_units: null }]);
  });

  it('returns CSV for Accept: text/csv and for ?format=csv', async () => {
    const body = { dataset: 'sales', dimensions: [{ field: 'supplier' }], metrics: [{ fn: 'count', as: 'sales' }], from: '2024-01-01', to: '2024-12-31' };
    const expected = `supplier,sales\r\n${SUPPLIERS.map((s) => `${s},${salesA.filter((r) => r.supplier_id === s).length}\r\n`).join('')}`;
    const viaAccept = await report(body).set('Accept', 'text/csv').expect(200);
    expect(viaAccept.headers['content-type']).toMatch(/^text\/csv/);
    expect(viaAccept.text).toBe(expected);
    expect((await report(body, '?format=csv').expect(200)).text).toBe(expected);
  });

  it('runs a report as a job: 202 with a status URL, then the result as JSON and CSV', async () => {
    const body = { dataset: 'sales', dimensions: [{ field: 'date', granularity: 'week' }], metrics: [{ fn: 'sum', field: 'amount', as: 'revenue' }], from: '2024-01-01', to: '2024-06-30' };
    const sync = await report(body).expect(200);
    const accepted = await report(body, '?async=true').expect(202);
    expect(accepted.headers.location).toBe(`/analytics/${A}/reports/${accepted.body.jobId}`);
    expect(accepted.body).toMatchObject({ status: 'queued', statusUrl: accepted.headers.location });
    let done: { status: number; body: { status: string; result: unknown; rowCount: number } } | undefined;
    for (let i = 0; i < 100 && !done; i++) {
      const res = await t.http().get(accepted.headers.location).set(authA());
      if (res.status === 200) done = res;
      else await sleep(100);
    }
    expect(done?.body).toMatchObject({ status: 'succeeded', rowCount: sync.body.rows.length, result: sync.body });
    const csv = await t.http().get(`${accepted.headers.location}?format=csv`).set(authA()).expect(200);
    expect(csv.text.split('\r\n')[0]).toBe('date,revenue');
    expect(csv.text.split('\r\n')).toHaveLength(sync.body.rows.length + 2);
    // Another tenant cannot see the job.
    await t.http().get(accepted.headers.location.replace(A, B)).set({ Authorization: `Bearer ${tokenB}` }).expect(404);
  });

  it('refuses unknown fields, bad dimensions and injection attempts with 400, and binds quoted values harmlessly', async () => {
    const base = { dataset: 'sales', metrics: [{ fn: 'count' }], from: '2024-01-01', to: '2024-12-31' };
    await report({ ...base, tenantId: B }).expect(400);
    await report({ ...base, sql: 'SELECT 1' }).expect(400);
    await report({ ...base, metrics: [{ fn: 'count', extra: true }] }).expect(400);
    await report({ ...base, dimensions: [{ field: 'supplier_id; DROP TABLE sales' }] }).expect(400);
    const unknown = await report({ ...base, dimensions: [{ field: 'password' }] }).expect(400);
    expect(JSON.stringify(unknown.body)).toMatch(/Unknown field/);
    await report({ ...base, metrics: [{ fn: 'sum', field: 'amount', as: 'x" FROM sales; --' }] }).expect(400);
    await report({ ...base, metrics: [{ fn: 'sum', field: 'amount) FROM sales --' }] }).expect(400);
    await report({ ...base, filters: [{ field: 'amount', op: 'gt', value: "1' OR '1'='1" }] }).expect(400);
    await report({ ...base, filters: [{ field: 'supplier', op: 'eq', value: { $ne: 1 } }] }).expect(400);
    await report({ ...base, sort: [{ by: '1; DROP TABLE sales' }] }).expect(400);
    await report({ ...base, limit: 10_001 }).expect(400);
    await report({ ...base, dataset: 'products' }).expect(400);
    const harmless = await report({ ...base, filters: [{ field: 'supplier', op: 'eq', value: "s1' OR '1'='1" }] }).expect(200);
    expect(harmless.body.rows).toEqual([{ count: 0 }]);
  });

  it("is 404 for another tenant's path, and never mixes tenants' rows", async () => {
    await t.http().get(`/analytics/${B}?from=2024-01-01&to=2024-12-31`).set(authA()).expect(404);
    await t.http().post(`/analytics/${B}/report`).set(authA()).send({ dataset: 'sales', metrics: [{ fn: 'count' }], from: '2024-01-01', to: '2024-12-31' }).expect(404);
    const body = { dataset: 'sales', metrics: [{ fn: 'sum', field: 'amount', as: 'revenue' }, { fn: 'count', as: 'sales' }], from: '2024-01-01', to: '2024-12-31' };
    const a = await report(body).expect(200);
    const b = await t.http().post(`/analytics/${B}/report`).set({ Authorization: `Bearer ${tokenB}` }).send(body).expect(200);
    expect(a.body.rows).toEqual([{ revenue: total(salesA, (r) => r.amount).toFixed(4), sales: 240 }]);
    expect(b.body.rows).toEqual([{ revenue: total(salesB, (r) => r.amount).toFixed(4), sales: 240 }]);
  });
});
