import Decimal from 'decimal.js';
import { formatAmount } from '../../../common/money/money';

const Exact = Decimal.clone({ precision: 40 });

/** Digits with optional group separators (`.`, `,`, `'`, spaces) and sign; symbols and codes around it are ignored. */
// Spaces group thousands only with a decimal comma or none: "7 319.00" is a misread symbol and 319.00, not 7319.
const CORE = String.raw`(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{1,4})?(?![.\d])|\d[\d.,'’]*)`;
const NUMBER = new RegExp(String.raw`[-−(]?\s*` + CORE);

/**
 * Reads a number as written on an invoice and returns its exact decimal text, or null.
 *
 * Which of `.` and `,` is the decimal mark is decided by the text itself: with both,
 * the last one is decimal (`1.234.567,89`, `1,234,567.89`); a mark used twice is a
 * thousands separator; a single mark followed by exactly three digits is a thousands
 * separator (`1.234`, `1,234`) unless the integer part is 0. Never goes through floats.
 */
export function normalizeDecimal(text: string): string | null {
  const match = NUMBER.exec(text.replace(/\s+(?=[.,]\d)/g, ''));
  if (!match) return null;
  const raw = match[0];
  const negative = /^[-−(]/.test(raw) || /^\(.*\)$/.test(text.trim());
  let digits = raw.replace(/^[-−(]\s*/, '').replace(/[ \u00a0\u202f'’]/g, '').replace(/[.,]$/, '');
  const dots = (digits.match(/\./g) ?? []).length;
  const commas = (digits.match(/,/g) ?? []).length;
  if (dots > 0 && commas > 0) {
    const decimal = digits.lastIndexOf('.') > digits.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if ((digits.split(decimal).length - 1) > 1) return null;
    digits = digits.split(group).join('').replace(decimal, '.');
  } else if (dots + commas > 1) {
    const mark = dots > 0 ? '.' : ',';
    if (!new RegExp(`^\\d{1,3}(\\${mark}\\d{3})+$`).test(digits)) return null;
    digits = digits.split(mark).join('');
  } else if (dots + commas === 1) {
    const [whole, fraction] = digits.split(/[.,]/);
    const thousands = fraction.length === 3 && whole !== '0' && whole.length <= 3;
    digits = thousands ? whole + fraction : `${whole}.${fraction}`;
  }
  if (!/^\d+(\.\d+)?$/.test(digits)) return null;
  const value = new Exact(digits);
  return (negative ? value.negated() : value).toFixed();
}

/** An amount of money: exact decimal text with at least two decimals ("1234.50"). */
export function normalizeAmount(text: string): string | null {
  const value = normalizeDecimal(text);
  return value === null ? null : formatAmount(value);
}

/**
 * The tokens of a line that read as money: a number with decimals or next to a
 * currency sign or code. Percentages, dates, phone-like digit runs and ids are skipped.
 */
export function findAmounts(text: string): { text: string; value: string; index: number }[] {
  const found: { text: string; value: string; index: number }[] = [];
  const pattern = new RegExp(
    String.raw`(?:[€$£₹¥]|\b(?:Rs\.?|EUR|USD|GBP|INR|PLN|zł)\s?)?[-−]?\s?` + CORE + String.raw`(?:\s?(?:[€$£₹]|EUR|USD|zł|PLN|TTC|HT))?(?![\d%/.-]|\s?%|[A-Za-z])`,
    'g',
  );
  for (const m of text.matchAll(pattern)) {
    const token = m[0].trim();
    const start = (m.index ?? 0) + m[0].length - m[0].trimStart().length;
    if (/[A-Za-z_/\d.,-]$/.test(text.slice(0, start))) continue;
    const hasMoneyMark = /[€$£₹¥]|Rs|EUR|USD|GBP|INR|PLN|zł/.test(token);
    const hasDecimals = /\d[.,]\d{2}(?!\d)/.test(token);
    if (!hasMoneyMark && !hasDecimals) continue;
    const value = normalizeAmount(token.replace(/[€$£₹¥]|Rs\.?|EUR|USD|GBP|INR|PLN|zł|TTC|HT/g, ''));
    if (value !== null) found.push({ text: token, value, index: start });
  }
  return found;
}
