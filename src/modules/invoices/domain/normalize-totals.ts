import Decimal from 'decimal.js';
import { NormalizedInvoice } from './normalized-invoice';
import { minorUnitDigits } from './normalize-currency';

const REQUIRED = ['invoiceNumber', 'issueDate', 'currency', 'total'] as const;
/** Below this a field is shown to a person even when everything adds up. */
export const LOW_CONFIDENCE = 0.6;

/**
 * Why the invoice needs a person, as "code: detail" strings. The totals check is
 * exact, with one minor currency unit of tolerance for the supplier's rounding:
 * line totals must add up to the subtotal, and subtotal plus tax to the total.
 */
export function reviewReasons(invoice: Omit<NormalizedInvoice, 'reviewReasons'>): string[] {
  const reasons: string[] = [];
  for (const key of REQUIRED) if (!invoice[key]) reasons.push(`missing-field: ${key}`);
  // Without lines nothing can be matched or earn a commission: a person has to look.
  if (invoice.lines.length === 0) reasons.push('missing-lines: no line items were recognised');
  const tolerance = new Decimal(1).dividedBy(new Decimal(10).pow(minorUnitDigits(invoice.currency?.value)));
  const differs = (a: Decimal, b: Decimal) => a.minus(b).abs().greaterThan(tolerance);
  const { subtotal, tax, total } = invoice;
  const lineTotals = invoice.lines.map((l) => l.lineTotal?.value);
  if (invoice.lines.length > 0 && lineTotals.every((t): t is string => t !== undefined)) {
    const sum = lineTotals.reduce((acc, t) => acc.plus(t), new Decimal(0));
    const against = subtotal ?? (tax ? null : total);
    if (against && differs(sum, new Decimal(against.value))) {
      reasons.push(`lines-mismatch: line totals add up to ${sum.toFixed(2)}, not ${against.value}`);
    }
  }
  if (subtotal && tax && total) {
    const sum = new Decimal(subtotal.value).plus(tax.value);
    if (differs(sum, new Decimal(total.value))) {
      reasons.push(`totals-mismatch: subtotal ${subtotal.value} + tax ${tax.value} = ${sum.toFixed(2)}, not ${total.value}`);
    }
  }
  const header = { ...invoice, lines: undefined };
  for (const [key, value] of Object.entries(header)) {
    const f = value as { confidence?: number } | null | undefined;
    if (f && typeof f.confidence === 'number' && f.confidence < LOW_CONFIDENCE) reasons.push(`low-confidence: ${key} (${f.confidence})`);
  }
  return reasons;
}
