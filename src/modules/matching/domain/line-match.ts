import type { ScoredCandidate } from './match-scorer';

export type MatchMethod = 'supplier-code' | 'gtin' | 'alias' | 'scored';

/** The matcher's answer for one invoice line. */
export interface LineMatch {
  /** The chosen SKU, or null when nothing reached the acceptance threshold. */
  sku: string | null;
  confidence: number;
  method: MatchMethod;
  /** Best first, at most five. */
  candidates: ScoredCandidate[];
}

export interface InvoiceLineInput {
  lineId: string;
  description: string;
  supplierCode?: string;
  quantity?: number;
  unit?: string;
  /** Exact decimal text. */
  unitPrice?: string;
}
