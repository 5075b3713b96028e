import Decimal from 'decimal.js';

/** Up to 12 integer digits and 4 decimals: fits `numeric(19,4)` exactly. */
export const DECIMAL_AMOUNT = /^\d{1,15}(\.\d{1,4})?$/;

/** decimal.js with room for any sum of numeric(19,4) amounts; use it instead of the 20-digit default. */
export const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

export function sumProducts(lines: { quantity: number; unitPrice: string }[]): string {
  const total = lines.reduce((acc, line) => acc.plus(new Exact(line.unitPrice).times(line.quantity)), new Exact(0));
  return formatAmount(total.toString());
}

export const lineTotal = (line: { quantity: number; unitPrice: string }): string => sumProducts([line]);

/** Canonical text of an amount: at least two decimals, never more than it carries. */
export function formatAmount(amount: string | number): string {
  const value = new Exact(amount);
  return value.toFixed(Math.max(2, value.decimalPlaces()));
}

/** formatAmount in SQL, for a `numeric` column: what the API shows whichever side formats it. */
export const formatAmountSql = (column: string): string => `round(${column}, greatest(2, scale(trim_scale(${column}))))::text`;

/**
 * The amount as an integer count of 10^-scale units, e.g. ("19.99", 4) → 199900n: how
 * fixed-point formats (Parquet DECIMAL) store it. Refuses what it cannot hold exactly.
 */
export function unscaledAmount(amount: string, scale: number): bigint {
  const units = new Exact(amount).times(new Exact(10).pow(scale));
  if (!units.isInteger()) throw new RangeError(`${amount} has more than ${scale} decimals`);
  return BigInt(units.toFixed(0));
}
