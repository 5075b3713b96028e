import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Exact, formatAmount } from '../../src/common/money/money';
import type { SaleInput } from '../../src/modules/sales/commands/record-sales/record-sales.command';

/** ../shared/data/sales-northwind beside the repository (see shared/data/README.md). */
export const NORTHWIND_DIR = resolve(__dirname, '../../../shared/data/sales-northwind');

/** The published totals: net sales are unit_price * quantity * (1 - discount). */
export const NORTHWIND_EXPECTED = {
  net: '1265793.04',
  years: { '1996': '208083.97', '1997': '617085.20', '1998': '440623.87' },
};

export interface NorthwindSales {
  tenantId: string;
  /** Each order's lines, as one group (an order's lines are recorded together). */
  orders: SaleInput[][];
  lines: number;
  /** Every UTC day from the first order to the last. */
  days: string[];
}

type Row = Record<string, string>;
const read = (dir: string, file: string): Row[] => parse(readFileSync(join(dir, file)), { columns: true, skip_empty_lines: true });

/** Northwind's order lines as sales of tenant `northwind` (supplier and category from its catalog), or null when absent. */
export function loadNorthwind(dir: string): NorthwindSales | null {
  if (!existsSync(join(dir, 'order_details.csv'))) return null;
  const products = new Map(read(dir, 'products.csv').map((p) => [p.product_id, p]));
  const categories = new Map(read(dir, 'categories.csv').map((c) => [c.category_id, c.category_name]));
  const orderDates = new Map(read(dir, 'orders.csv').map((o) => [o.order_id, o]));
  const byOrder = new Map<string, SaleInput[]>();
  const details = read(dir, 'order_details.csv');
  for (const line of details) {
    const product = products.get(line.product_id);
    const order = orderDates.get(line.order_id)!;
    const lines = byOrder.get(line.order_id) ?? [];
    const amount = new Exact(line.unit_price).times(line.quantity).times(new Exact(1).minus(line.discount));
    lines.push({
      tenantId: 'northwind',
      source: 'order',
      sourceId: line.order_id,
      lineNumber: lines.length + 1,
      supplierId: product?.supplier_id ?? 'unassigned',
      sku: line.product_id,
      productName: product?.product_name ?? line.product_id,
      category: categories.get(product?.category_id ?? '') ?? null,
      customerId: order.customer_id,
      quantity: line.quantity,
      unitPrice: formatAmount(line.unit_price),
      amount: formatAmount(amount.toString()),
      commission: '0.00',
      currency: 'USD',
      occurredAt: `${order.order_date.slice(0, 10)}T00:00:00.000Z`,
    });
    byOrder.set(line.order_id, lines);
  }
  const dates = [...orderDates.values()].map((o) => o.order_date.slice(0, 10)).sort();
  const days: string[] = [];
  for (let t = Date.parse(`${dates[0]}T00:00:00Z`); t <= Date.parse(`${dates[dates.length - 1]}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return { tenantId: 'northwind', orders: [...byOrder.values()], lines: details.length, days };
}
