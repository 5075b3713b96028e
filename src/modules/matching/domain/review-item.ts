import type { ScoredCandidate } from './match-scorer';

export const REVIEW_REPOSITORY = Symbol('REVIEW_REPOSITORY');

/** An invoice line the matcher was not confident about, waiting for a person. */
export interface ReviewItem {
  tenantId: string;
  lineId: string;
  invoiceId: string;
  supplierId: string | null;
  description: string;
  confidence: number;
  candidates: ScoredCandidate[];
  status: 'pending' | 'resolved';
  resolvedSku: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export type NewReviewItem = Pick<ReviewItem, 'tenantId' | 'lineId' | 'invoiceId' | 'supplierId' | 'description' | 'confidence' | 'candidates'>;

export interface ReviewRepository {
  /** Idempotent per line: a pending item is refreshed, a resolved one is left alone. */
  enqueue(items: NewReviewItem[]): Promise<void>;
  get(tenantId: string, lineId: string): Promise<ReviewItem | null>;
  listPending(tenantId: string, limit: number, cursor?: string): Promise<{ items: ReviewItem[]; nextCursor: string | null }>;
  resolve(tenantId: string, lineId: string, sku: string): Promise<ReviewItem>;
}
