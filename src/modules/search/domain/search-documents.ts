import type { Product } from '../../matching';

/** A product as the search index holds it: the catalog's fields it searches, filters and shows. */
export type ProductDocument = Pick<
  Product,
  'tenantId' | 'sku' | 'name' | 'description' | 'brand' | 'category' | 'price' | 'currency' | 'supplierId' | 'gtin' | 'updatedAt' | 'version'
>;

export interface PurchaseLineDocument {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
}

/** An order as the search index holds it: who bought what, when, and how it stands. */
export interface PurchaseDocument {
  tenantId: string;
  orderId: string;
  customerId: string;
  customerName: string;
  customerEmail: string;
  status: string;
  totalAmount: string;
  currency: string;
  items: PurchaseLineDocument[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * One change to apply to the index. A delete carries the version of the delete, so that a
 * stale upsert arriving after it cannot bring the document back.
 */
export type IndexChange =
  | { kind: 'product'; op: 'upsert'; document: ProductDocument }
  | { kind: 'product'; op: 'delete'; tenantId: string; sku: string; version: number }
  | { kind: 'purchase'; op: 'upsert'; document: PurchaseDocument }
  | { kind: 'purchase'; op: 'delete'; tenantId: string; orderId: string; version: number };
