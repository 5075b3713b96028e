import type { SkuLookupKey } from './sku-lookup.port';

/** A catalog product of one tenant. Prices are exact decimal text; `sku` is unique per tenant. */
export interface Product {
  tenantId: string;
  sku: string;
  name: string;
  description: string | null;
  brand: string | null;
  category: string | null;
  unit: string | null;
  price: string | null;
  currency: string | null;
  supplierId: string | null;
  /** The supplier's own code for this product, as printed on its invoices. */
  supplierCode: string | null;
  gtin: string | null;
  createdAt: string;
  updatedAt: string;
  /** 1 when created; every write adds one. */
  version: number;
}

export type ProductFields = Omit<Product, 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>;

/** The fields the SKU lookup is keyed on. */
export type ProductKeys = Pick<Product, 'supplierId' | 'supplierCode' | 'gtin'>;

/** The exact-match entries a product contributes to the SKU lookup. */
export function lookupKeysOf(product: ProductKeys): SkuLookupKey[] {
  const keys: SkuLookupKey[] = [];
  if (product.supplierId && product.supplierCode) keys.push({ kind: 'supplier-code', supplierId: product.supplierId, code: product.supplierCode });
  if (product.gtin) keys.push({ kind: 'gtin', gtin: product.gtin });
  return keys;
}
