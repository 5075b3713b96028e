import Decimal from 'decimal.js';
import { bestLabelledValue, findLabelledValues, labelConfidence } from './find-labelled-value';
import { LabelledField } from './invoice-labels';
import { Field, NormalizedInvoice } from './normalized-invoice';
import { findAmounts } from './normalize-amount';
import { detectDocumentCurrency } from './normalize-currency';
import { DateHints, findDate } from './normalize-date';
import { lineText, TextLine } from './text-line';

export type HeaderFields = Pick<
  NormalizedInvoice,
  'invoiceNumber' | 'issueDate' | 'dueDate' | 'currency' | 'subtotal' | 'tax' | 'total' | 'supplierTaxId'
>;

/** An invoice number: the first token after the label, without "#" or "n°", not a date or an amount. */
export function readInvoiceNumber(text: string): string | null {
  const token = text.replace(/^[\s:#.]*(?:n[°º]\.?\s*)?[#:]?\s*/i, '').split(/\s+/)[0]?.replace(/[.,;:]$/, '') ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9/_.\-]{0,39}$/.test(token)) return null;
  if (findDate(token) || /^\d+[.,]\d{2}$/.test(token)) return null;
  return /\d/.test(token) || /^[A-Z]{1,3}$/.test(token) ? token : null;
}

/** A tax id: an optional country prefix and at least five digits, spaces and dashes as printed. */
export function readTaxId(text: string): string | null {
  const m = /^[:\s]*([A-Z]{0,3}[\s-]?\d[\dA-Z\s.\-]{3,20})/i.exec(text);
  const id = m?.[1].replace(/[\s.\-]+$/, '').trim();
  return id && (id.match(/\d/g) ?? []).length >= 5 ? id : null;
}

const lastAmount = (text: string) => findAmounts(text).pop()?.value ?? null;
const largestFirst = (a: string, b: string) => new Decimal(b).cmp(a);

/**
 * Numeric dates are read day first unless the document itself gives it away as
 * American: some date in it is only valid month first (03/20/2023).
 */
export function documentDateHints(lines: TextLine[]): DateHints {
  const text = lines.map(lineText).join('\n');
  for (const m of text.matchAll(/\b(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})\b/g)) {
    if (Number(m[2]) > 12 && Number(m[1]) <= 12) return { monthFirst: true };
  }
  return {};
}

export function extractHeaderFields(lines: TextLine[]): HeaderFields {
  const hints = documentDateHints(lines);
  const readDate = (text: string) => findDate(text, hints)?.iso ?? null;
  const pick = <T>(field: LabelledField, read: (text: string) => T | null, prefer?: (a: T, b: T) => number): Field<T> | null => {
    const best = bestLabelledValue(findLabelledValues(lines, field, read), prefer);
    return best ? { value: best.value, confidence: labelConfidence(best) } : null;
  };
  return {
    invoiceNumber: pick('invoiceNumber', readInvoiceNumber),
    issueDate: pick('issueDate', readDate) ?? firstUnlabelledDate(lines, readDate),
    dueDate: pick('dueDate', readDate),
    currency: documentCurrency(lines),
    subtotal: pick('subtotal', lastAmount, largestFirst),
    tax: pick('tax', lastAmount, largestFirst),
    total: pick('total', lastAmount, largestFirst),
    supplierTaxId: pick('supplierTaxId', readTaxId),
  };
}

/** Without a date label the issue date is usually the first date printed (e.g. "Facture n° 123 du 2 juillet 2015"). */
function firstUnlabelledDate(lines: TextLine[], readDate: (text: string) => string | null): Field<string> | null {
  for (const line of lines) {
    const value = readDate(lineText(line));
    if (value) return { value, confidence: Math.round(0.5 * Math.min(...line.cells.map((c) => c.confidence)) * 100) / 100 };
  }
  return null;
}

function documentCurrency(lines: TextLine[]): Field<string> | null {
  const found = detectDocumentCurrency(lines.map(lineText).join('\n'));
  if (!found) return null;
  const ocr = Math.min(1, ...lines.flatMap((l) => l.cells.map((c) => c.confidence)).filter((c) => c > 0.5));
  return { value: found.code, confidence: Math.round((found.votes >= 2 ? 0.9 : 0.7) * ocr * 100) / 100 };
}
