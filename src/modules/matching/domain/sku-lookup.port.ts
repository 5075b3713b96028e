export const SKU_LOOKUP = Symbol('SKU_LOOKUP');

/** What an exact (stage 1) match can be keyed on. */
export type SkuLookupKey =
  | { kind: 'supplier-code'; supplierId: string; code: string }
  | { kind: 'gtin'; gtin: string }
  /** A description a person confirmed, normalised with aliasKeyOf; supplierId null for invoices without a known supplier. */
  | { kind: 'alias'; supplierId: string | null; description: string };

export interface SkuLookupEntry {
  key: SkuLookupKey;
  sku: string;
}

/**
 * Exact identifiers → SKU, per tenant: supplier codes and GTINs from the catalog plus
 * aliases learned from review. Postgres by default, DynamoDB on AWS; both must pass
 * test/contracts/sku-lookup.contract.ts.
 */
export interface SkuLookup {
  find(tenantId: string, key: SkuLookupKey): Promise<string | null>;
  /** Inserts or overwrites each entry. */
  putMany(tenantId: string, entries: SkuLookupEntry[]): Promise<void>;
  /** Removes an entry; removing a missing key is not an error. */
  remove(tenantId: string, key: SkuLookupKey): Promise<void>;
}

/**
 * The key's text form, shared by both adapters. Parts are URI-encoded so that a `#`
 * inside a supplier id or code can never make two different keys collide.
 */
export function lookupKeyText(key: SkuLookupKey): string {
  const part = (value: string) => encodeURIComponent(value);
  switch (key.kind) {
    case 'supplier-code':
      return `code#${part(key.supplierId)}#${part(key.code)}`;
    case 'gtin':
      return `gtin#${part(key.gtin)}`;
    case 'alias':
      return `alias#${key.supplierId === null ? '-' : part(key.supplierId)}#${part(key.description)}`;
  }
}
