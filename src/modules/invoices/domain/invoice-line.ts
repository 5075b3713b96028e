import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { NormalizedInvoiceLine } from './normalized-invoice';

export type LineMatchStatus = 'matched' | 'review';

export interface LineMatch {
  /** Null when nothing came close enough to propose. */
  sku: string | null;
  confidence: number;
  status: LineMatchStatus;
}

export interface LineCommission {
  /** Exact decimal text, at most 4 decimals. */
  amount: string;
  currency: string;
  ruleId: string;
}

/** A normalized line as stored: a stable id, its position, and what later stages added. */
export interface InvoiceLine extends NormalizedInvoiceLine {
  lineId: string;
  position: number;
  match: LineMatch | null;
  commission: LineCommission | null;
}

/**
 * A line's id follows from its invoice and position, so re-recording the same extraction
 * (a retried workflow step) yields the same ids that matches and commissions refer to.
 */
export function lineIdOf(invoiceId: string, position: number): string {
  const hex = createHash('sha256').update(`${invoiceId}:line:${position}`).digest('hex');
  // Shaped as an RFC 4122 version-5-style UUID so it fits uuid columns and routes.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Same extracted content, whatever the stored line gained since. */
export function sameLineContent(a: NormalizedInvoiceLine, b: NormalizedInvoiceLine): boolean {
  const content = (l: NormalizedInvoiceLine) => [l.description, l.supplierCode, l.quantity, l.unit, l.unitPrice, l.lineTotal];
  return isDeepStrictEqual(content(a), content(b));
}
