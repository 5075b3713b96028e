import type Decimal from 'decimal.js';
import { Exact, formatAmount } from '../../../common/money/money';
import type { SaleContribution } from './sale-contribution';

export type Granularity = 'day' | 'hour' | 'minute';
export const GRANULARITIES: readonly Granularity[] = ['day', 'hour', 'minute'];
const SPAN_MS: Record<Granularity, number> = { day: 86_400_000, hour: 3_600_000, minute: 60_000 };
const DAY_SECONDS = 86_400;
/** How long each bucket kind is kept after its start: the windows read only the current day, hour and 60 minutes. */
export const BUCKET_RETENTION_SECONDS: Readonly<Record<Granularity, number>> = { minute: 2 * DAY_SECONDS, hour: 3 * DAY_SECONDS, day: 35 * DAY_SECONDS };

/** The product key of a supplier's total bucket; product buckets carry the sku (or NO_SKU). */
export const SUPPLIER_TOTAL = '';

export interface BucketTotals {
  revenue: string;
  units: string;
  orders: number;
  commission: string;
}

/** Totals of one supplier (or one of its products) in one currency over one UTC minute, hour or day. */
export interface MetricBucket extends BucketTotals {
  supplierId: string;
  productKey: string;
  currency: string;
  granularity: Granularity;
  /** ISO 8601 UTC start of the bucket. */
  bucketStart: string;
}

/** An amount to add to one bucket (negative for a corrected sale's old figures). */
export interface BucketDelta extends MetricBucket {
  tenantId: string;
}

/** A sale to count, with what the store already counted for it (null the first time). */
export interface SaleChange {
  previous: SaleContribution | null;
  next: SaleContribution;
}

/** The UTC start of the minute, hour or day holding the instant (UTC days have no leap seconds in JS time). */
export function bucketStartOf(instant: string | Date, granularity: Granularity): string {
  const ms = new Date(instant).getTime();
  return new Date(ms - (((ms % SPAN_MS[granularity]) + SPAN_MS[granularity]) % SPAN_MS[granularity])).toISOString();
}

export function sameContribution(a: SaleContribution, b: SaleContribution): boolean {
  return (
    a.supplierId === b.supplierId &&
    a.productKey === b.productKey &&
    a.currency === b.currency &&
    bucketStartOf(a.occurredAt, 'minute') === bucketStartOf(b.occurredAt, 'minute') &&
    new Exact(a.revenue).eq(b.revenue) &&
    new Exact(a.units).eq(b.units) &&
    new Exact(a.commission).eq(b.commission) &&
    a.supplierOrders === b.supplierOrders &&
    a.productOrders === b.productOrders
  );
}

/** The changes that alter what the store counted: new sales, and sales recorded again with other figures. */
export function effectiveChanges(changes: readonly SaleChange[]): SaleChange[] {
  return changes.filter((change) => !change.previous || !sameContribution(change.previous, change.next));
}

/**
 * What the changes add to each bucket, summed per bucket and sorted by key (so concurrent
 * writers lock rows in one order). A corrected sale takes its old figures out of the
 * buckets they were counted in and puts its new ones in: the totals stay exact.
 */
export function bucketDeltas(changes: readonly SaleChange[]): BucketDelta[] {
  const sums = new Map<string, { bucket: Omit<BucketDelta, keyof BucketTotals>; revenue: Decimal; units: Decimal; orders: number; commission: Decimal }>();
  const add = (c: SaleContribution, sign: 1 | -1) => {
    for (const granularity of GRANULARITIES) {
      const bucketStart = bucketStartOf(c.occurredAt, granularity);
      for (const [productKey, orders] of [[SUPPLIER_TOTAL, c.supplierOrders], [c.productKey, c.productOrders]] as const) {
        const bucket = { tenantId: c.tenantId, supplierId: c.supplierId, productKey, currency: c.currency, granularity, bucketStart };
        const key = bucketKey(bucket);
        const sum = sums.get(key) ?? { bucket, revenue: new Exact(0), units: new Exact(0), orders: 0, commission: new Exact(0) };
        sum.revenue = sum.revenue.plus(new Exact(c.revenue).times(sign));
        sum.units = sum.units.plus(new Exact(c.units).times(sign));
        sum.commission = sum.commission.plus(new Exact(c.commission).times(sign));
        sum.orders += orders * sign;
        sums.set(key, sum);
      }
    }
  };
  for (const change of effectiveChanges(changes)) {
    if (change.previous) add(change.previous, -1);
    add(change.next, 1);
  }
  return [...sums.entries()]
    .filter(([, s]) => !(s.revenue.isZero() && s.units.isZero() && s.commission.isZero() && s.orders === 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => ({ ...s.bucket, revenue: s.revenue.toFixed(), units: s.units.toFixed(), orders: s.orders, commission: s.commission.toFixed() }));
}

/** A stable identity of a bucket, in the order the stores sort their rows. */
export function bucketKey(b: Omit<BucketDelta, keyof BucketTotals>): string {
  return [b.tenantId, b.supplierId, b.granularity, b.bucketStart, b.currency, b.productKey].join('\u0000');
}

/** Canonical text of a summed amount (trailing zeros of numeric(19,4) dropped, two decimals at least). */
export const amountText = (value: string | Decimal): string => formatAmount(value.toString());
