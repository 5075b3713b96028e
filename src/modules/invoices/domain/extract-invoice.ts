import { extractHeaderFields } from './extract-header-fields';
import { extractLineItems } from './extract-line-items';
import { extractSupplierName } from './extract-supplier-name';
import { NormalizedInvoice } from './normalized-invoice';
import { reviewReasons } from './normalize-totals';
import { TextLine } from './text-line';

/** Text lines (from a PDF text layer or OCR) → NormalizedInvoice, with its review reasons. */
export function extractInvoice(lines: TextLine[]): NormalizedInvoice {
  const header = extractHeaderFields(lines);
  const invoice = { ...header, supplierName: extractSupplierName(lines), lines: extractLineItems(lines) };
  return { ...invoice, reviewReasons: reviewReasons(invoice) };
}
