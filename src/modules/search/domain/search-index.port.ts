import type { IndexChange, ProductDocument, PurchaseDocument } from './search-documents';

export const SEARCH_INDEX = Symbol('SEARCH_INDEX');

export type ProductSort = 'relevance' | 'price_asc' | 'price_desc' | 'name' | 'newest';

export interface ProductSearchQuery {
  /** Free text over name, description, brand and category, typo tolerant. Empty: all products. */
  q?: string;
  category?: string;
  brand?: string;
  /** Exact decimal text. */
  minPrice?: string;
  maxPrice?: string;
  sort: ProductSort;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface FacetBucket {
  value: string;
  count: number;
}

/** Fragments of the document's own text with matches wrapped in <em>…</em>. */
export type Highlights = Partial<Record<'name' | 'description' | 'brand' | 'category', string[]>>;

export interface ProductHit {
  product: ProductDocument;
  score: number;
  highlights: Highlights;
}

export interface ProductSearchResult {
  total: number;
  hits: ProductHit[];
  /** Counts over every match of the query, before the category and brand filters narrow them. */
  facets: { category: FacetBucket[]; brand: FacetBucket[] };
}

export interface Suggestion {
  /** A product name that starts with (or has a word that starts with) the prefix. */
  text: string;
  sku: string;
}

export interface PurchaseSearchQuery {
  /** Free text over customer name and email, order id and item names/skus. */
  q?: string;
  customerId?: string;
  /** ISO dates or times; inclusive from, exclusive to. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface PurchaseHit {
  purchase: PurchaseDocument;
  score: number;
}

export interface PurchaseSearchResult {
  total: number;
  hits: PurchaseHit[];
}

export interface ReindexTarget {
  /** An opaque name of the index generation being built (an OpenSearch index behind the alias). */
  generation: string;
}

/**
 * A per-tenant search index. Every call is tenant-scoped; no query ever sees another
 * tenant's documents. Writes are idempotent and ordered by version: a change older than
 * (or as old as) what the index holds for that document is ignored.
 */
export interface SearchIndex {
  /** Applies changes of one tenant, in bulk. Also writes to a generation being rebuilt. */
  apply(tenantId: string, changes: readonly IndexChange[]): Promise<void>;
  searchProducts(tenantId: string, query: ProductSearchQuery): Promise<ProductSearchResult>;
  autocomplete(tenantId: string, prefix: string, limit: number): Promise<Suggestion[]>;
  searchPurchases(tenantId: string, query: PurchaseSearchQuery): Promise<PurchaseSearchResult>;

  /**
   * Starts building a fresh generation of the tenant's index beside the live one. Searches
   * keep reading the live one; `apply` writes to both until `activate` or `abandon`.
   */
  beginReindex(tenantId: string): Promise<ReindexTarget>;
  /** Loads source-of-truth documents into the generation being built, version rules included. */
  load(tenantId: string, target: ReindexTarget, changes: readonly IndexChange[]): Promise<void>;
  /** Atomically points searches at the new generation (the alias swap) and drops the old one. */
  activate(tenantId: string, target: ReindexTarget): Promise<void>;
  abandon(tenantId: string, target: ReindexTarget): Promise<void>;
}
