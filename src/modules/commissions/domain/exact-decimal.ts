import Decimal from 'decimal.js';

/**
 * Commission arithmetic. 40 significant digits keep every intermediate product of a
 * numeric(19,4) amount and a 4-decimal rate exact; only the final line amount is rounded.
 */
export const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Exact = InstanceType<typeof Exact>;

/**
 * Line amounts are rounded half-even (banker's rounding) to cents: over many lines the
 * rounding errors cancel out instead of drifting upwards as half-up would make them.
 */
export function roundToCents(value: Exact): Exact {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
}

/** Plain notation without trailing zeros, e.g. numeric(7,4) "3.5000" → "3.5". */
export function plainDecimal(value: string | Exact): string {
  return new Exact(value).toFixed();
}

/** Money as text: two decimals at least, e.g. "12.5000" → "12.50", "0.0025" stays. */
export function moneyText(value: string | Exact): string {
  const d = new Exact(value);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}
