import Decimal from 'decimal.js';
import type { Field, NormalizedInvoice, NormalizedInvoiceLine } from './normalized-invoice';

/** Money fits numeric(19,4) exactly: up to 15 integer digits and 4 decimals, negative for credits. */
const MONEY = /^-?\d{1,15}(\.\d{1,4})?$/;
const QUANTITY = /^-?\d{1,15}(\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

const MONEY_FIELDS = ['subtotal', 'tax', 'total'] as const;
const LINE_MONEY_FIELDS = ['unitPrice', 'lineTotal'] as const;

/**
 * What a NormalizedInvoice must satisfy to be stored exactly. Returns one message per
 * broken rule, naming the field, so a failed pipeline step says what was wrong.
 */
export function normalizedInvoiceProblems(invoice: NormalizedInvoice): string[] {
  const problems: string[] = [];
  const check = (name: string, field: Field<unknown> | null | undefined, valid: (v: string) => boolean, rule: string) => {
    if (field === null || field === undefined) return;
    if (typeof field.value !== 'string' || !valid(field.value)) problems.push(`${name} ${rule}: ${JSON.stringify(field.value)}`);
    if (typeof field.confidence !== 'number' || !(field.confidence >= 0 && field.confidence <= 1)) {
      problems.push(`${name} confidence must be between 0 and 1`);
    }
  };
  const text = (v: string) => v.length > 0 && v.length <= 1000;
  check('supplierName', invoice.supplierName, text, 'must be non-empty text');
  check('supplierTaxId', invoice.supplierTaxId, text, 'must be non-empty text');
  check('invoiceNumber', invoice.invoiceNumber, text, 'must be non-empty text');
  check('issueDate', invoice.issueDate, isDate, 'must be a date YYYY-MM-DD');
  check('dueDate', invoice.dueDate, isDate, 'must be a date YYYY-MM-DD');
  check('currency', invoice.currency, (v) => CURRENCY.test(v), 'must be an ISO 4217 code');
  for (const name of MONEY_FIELDS) check(name, invoice[name], isMoney, 'must be a decimal with at most 4 decimals');
  if (!Array.isArray(invoice.lines)) return [...problems, 'lines must be an array'];
  invoice.lines.forEach((line: NormalizedInvoiceLine, i) => {
    check(`lines.${i}.description`, line.description ?? { value: '', confidence: 0 }, text, 'must be non-empty text');
    check(`lines.${i}.supplierCode`, line.supplierCode, text, 'must be non-empty text');
    check(`lines.${i}.quantity`, line.quantity, (v) => QUANTITY.test(v), 'must be a decimal with at most 6 decimals');
    check(`lines.${i}.unit`, line.unit, text, 'must be non-empty text');
    for (const name of LINE_MONEY_FIELDS) check(`lines.${i}.${name}`, line[name], isMoney, 'must be a decimal with at most 4 decimals');
  });
  if (!Array.isArray(invoice.reviewReasons) || invoice.reviewReasons.some((r) => typeof r !== 'string')) {
    problems.push('reviewReasons must be a list of text');
  }
  return problems;
}

export const isMoney = (v: string): boolean => MONEY.test(v);

function isDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** The canonical text both the database and the caller agree on: "12.5000" and "12.5" are "12.50". */
export function canonicalMoney(v: string): string {
  const d = new Decimal(v);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

/** Quantities keep only the decimals they need: "3.000" is "3". */
export const canonicalQuantity = (v: string): string => new Decimal(v).toString();
