import type { CandidateEvidence } from './match-scorer';
import type { Product, ProductFields, ProductKeys } from './product';

export const PRODUCT_REPOSITORY = Symbol('PRODUCT_REPOSITORY');

export interface ProductListQuery {
  /** Full-text and fuzzy (trigram) search over name, brand, category and description. */
  q?: string;
  supplierId?: string;
  category?: string;
  limit: number;
  cursor?: string;
}

export interface ProductPage {
  items: Product[];
  nextCursor: string | null;
}

export interface CandidateQuery {
  /** The invoice line's text. */
  text: string;
  /** How many products each retrieval strategy contributes before they are merged. */
  limit: number;
}

export interface CatalogCandidate extends CandidateEvidence {
  description: string | null;
}

/**
 * Catalog persistence and retrieval, always tenant-scoped. Every write bumps the product's
 * version and records the change in the change feed atomically with itself.
 */
export interface ProductRepository {
  /** Null when the sku already exists. */
  create(tenantId: string, product: ProductFields): Promise<Product | null>;
  /** Null when the sku does not exist. Also returns the keys it had before, so the SKU lookup can be re-keyed. */
  replace(tenantId: string, product: ProductFields): Promise<{ before: ProductKeys; after: Product } | null>;
  /** Inserts or overwrites by sku, many rows per statement; returns the previous versions of overwritten rows. */
  upsertMany(tenantId: string, products: ProductFields[]): Promise<Product[]>;
  /** Null when the sku does not exist; otherwise the product as it was, its delete recorded as a change one version later. */
  delete(tenantId: string, sku: string): Promise<Product | null>;
  get(tenantId: string, sku: string): Promise<Product | null>;
  /** The subset of `skus` that exist. */
  existing(tenantId: string, skus: string[]): Promise<Set<string>>;
  list(tenantId: string, query: ProductListQuery): Promise<ProductPage>;
  /** Stage 2 of the matcher: products similar to the text by full-text rank or trigram similarity. */
  findCandidates(tenantId: string, query: CandidateQuery): Promise<CatalogCandidate[]>;
  /**
   * After a bulk load: the planner only uses the search indexes once it knows the table
   * is large, and PGlite runs no autovacuum to find out by itself.
   */
  refreshStatistics(): Promise<void>;
}
