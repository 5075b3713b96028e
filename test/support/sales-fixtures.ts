import Decimal from 'decimal.js';
import { importEsm } from '../../src/common/lake/esm-import';
import type { WindowFigures } from '../../src/modules/sales/domain/realtime-metrics';

type Hyparquet = typeof import('hyparquet');

/** A sale as the tests compute figures from it. */
export interface SaleFact {
  supplierId: string;
  sku: string | null;
  currency: string;
  orderKey: string;
  amount: string;
  quantity: string;
  commission: string;
}

const text = (d: Decimal) => d.toFixed(Math.max(2, d.decimalPlaces()));

/** The figures of a set of sales, computed with decimal.js alone (independently of the app's code). */
export function figuresOf(sales: readonly SaleFact[]): WindowFigures & { sales: number; products: number } {
  const revenue = sales.reduce((s, x) => s.plus(x.amount), new Decimal(0));
  const orders = new Set(sales.map((s) => s.orderKey)).size;
  const aov = orders ? revenue.div(orders).toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN) : new Decimal(0);
  return {
    revenue: text(revenue),
    units: text(sales.reduce((s, x) => s.plus(x.quantity), new Decimal(0))),
    orders,
    averageOrderValue: text(aov),
    commission: text(sales.reduce((s, x) => s.plus(x.commission), new Decimal(0))),
    sales: sales.length,
    products: new Set(sales.flatMap((s) => (s.sku ? [s.sku] : []))).size,
  };
}

export const windowFigures = ({ sales: _s, products: _p, ...figures }: ReturnType<typeof figuresOf>): WindowFigures => figures;

export async function readParquet(file: Buffer): Promise<Record<string, unknown>[]> {
  const { parquetReadObjects } = await importEsm<Hyparquet>('hyparquet');
  return parquetReadObjects({ file: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer });
}
