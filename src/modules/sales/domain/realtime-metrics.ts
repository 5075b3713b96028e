import { Exact, formatAmount } from '../../../common/money/money';
import { amountText, bucketStartOf, MetricBucket, SUPPLIER_TOTAL } from './metric-buckets';
import { NO_SKU } from './sale-contribution';

export const WINDOW_NAMES = ['today', 'currentHour', 'last5Minutes', 'last60Minutes'] as const;
export type WindowName = (typeof WINDOW_NAMES)[number];

/** The buckets the windows at one instant read: today's day bucket, this hour's, and the last 60 minute buckets. */
export interface MetricsRange {
  day: string;
  hour: string;
  /** The oldest minute bucket of the 60-minute window. */
  minuteFrom: string;
  /** The current minute's bucket. */
  minuteTo: string;
}

export interface WindowFigures {
  revenue: string;
  units: string;
  /** Distinct orders (or invoices) with a sale in the window. */
  orders: number;
  /** revenue / orders, rounded half-even to 4 decimals; 0.00 without orders. */
  averageOrderValue: string;
  commission: string;
}

export type Windows = Record<WindowName, WindowFigures>;

export interface ProductMetrics {
  /** Null for sales without a sku (unmatched invoice lines). */
  sku: string | null;
  windows: Windows;
}

export interface CurrencyMetrics {
  currency: string;
  windows: Windows;
  /** Products with sales in any window (a product a correction emptied is left out), by today's revenue (highest first), then sku. */
  products: ProductMetrics[];
}

export interface RealtimeMetrics {
  supplierId: string;
  asOf: string;
  /** One entry per currency the supplier sold in today, by currency code. */
  currencies: CurrencyMetrics[];
}

const MINUTE_MS = 60_000;

/**
 * Rolling windows are whole minutes: "last 5 minutes" is the current minute's bucket and
 * the 4 before it, so it covers between 4 and 5 minutes of the past.
 */
export function metricsRangeAt(now: Date): MetricsRange {
  const minuteTo = bucketStartOf(now, 'minute');
  return {
    day: bucketStartOf(now, 'day'),
    hour: bucketStartOf(now, 'hour'),
    minuteFrom: minutesBefore(minuteTo, 59),
    minuteTo,
  };
}

export function averageOrderValue(revenue: string, orders: number): string {
  return orders > 0 ? formatAmount(new Exact(revenue).dividedBy(orders).toDecimalPlaces(4).toString()) : '0.00';
}

/** Sums each window's buckets of one supplier (the store returns the range's buckets). */
export function realtimeMetrics(supplierId: string, buckets: readonly MetricBucket[], now: Date): RealtimeMetrics {
  const range = metricsRangeAt(now);
  const inWindow: Record<WindowName, (b: MetricBucket) => boolean> = {
    today: (b) => b.granularity === 'day' && b.bucketStart === range.day,
    currentHour: (b) => b.granularity === 'hour' && b.bucketStart === range.hour,
    last5Minutes: (b) => isMinuteBetween(b, minutesBefore(range.minuteTo, 4), range.minuteTo),
    last60Minutes: (b) => isMinuteBetween(b, range.minuteFrom, range.minuteTo),
  };
  const windowsOf = (selected: readonly MetricBucket[]): Windows =>
    Object.fromEntries(WINDOW_NAMES.map((name) => [name, figuresOf(selected.filter(inWindow[name]))])) as Windows;
  const currencies = [...new Set(buckets.map((b) => b.currency))].sort();
  return {
    supplierId,
    asOf: now.toISOString(),
    currencies: currencies.map((currency) => {
      const ofCurrency = buckets.filter((b) => b.currency === currency);
      const productKeys = [...new Set(ofCurrency.map((b) => b.productKey).filter((key) => key !== SUPPLIER_TOTAL))];
      const products = productKeys
        .map((key) => ({ sku: key === NO_SKU ? null : key, windows: windowsOf(ofCurrency.filter((b) => b.productKey === key)) }))
        // A corrected sale can leave a product's buckets at zero: nothing was sold there after all.
        .filter((product) => Object.values(product.windows).some((w) => w.orders !== 0 || !new Exact(w.revenue).isZero() || !new Exact(w.units).isZero()))
        .sort((a, b) => new Exact(b.windows.today.revenue).comparedTo(a.windows.today.revenue) || (a.sku ?? '').localeCompare(b.sku ?? ''));
      return { currency, windows: windowsOf(ofCurrency.filter((b) => b.productKey === SUPPLIER_TOTAL)), products };
    }),
  };
}

export function figuresOf(buckets: readonly MetricBucket[]): WindowFigures {
  const sum = (pick: (b: MetricBucket) => string) => buckets.reduce((acc, b) => acc.plus(pick(b)), new Exact(0));
  const revenue = amountText(sum((b) => b.revenue));
  const orders = buckets.reduce((acc, b) => acc + b.orders, 0);
  return { revenue, units: amountText(sum((b) => b.units)), orders, averageOrderValue: averageOrderValue(revenue, orders), commission: amountText(sum((b) => b.commission)) };
}

function isMinuteBetween(b: MetricBucket, from: string, to: string): boolean {
  return b.granularity === 'minute' && b.bucketStart >= from && b.bucketStart <= to;
}

function minutesBefore(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() - minutes * MINUTE_MS).toISOString();
}
