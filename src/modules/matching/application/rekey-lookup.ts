import { lookupKeysOf, ProductKeys } from '../domain/product';
import { lookupKeyText, SkuLookup, SkuLookupEntry } from '../domain/sku-lookup.port';

export interface KeyChange {
  sku: string;
  before: ProductKeys | null;
  after: ProductKeys;
}

/** Points each product's supplier code and GTIN at its sku, and drops keys a product no longer has. */
export async function rekeyLookup(lookup: SkuLookup, tenantId: string, changes: KeyChange[]): Promise<void> {
  const entries: SkuLookupEntry[] = [];
  for (const { sku, before, after } of changes) {
    const current = lookupKeysOf(after);
    const kept = new Set(current.map(lookupKeyText));
    for (const stale of before ? lookupKeysOf(before) : []) {
      if (!kept.has(lookupKeyText(stale))) await lookup.remove(tenantId, stale);
    }
    entries.push(...current.map((key) => ({ key, sku })));
  }
  await lookup.putMany(tenantId, entries);
}

/**
 * Drops the supplier code and GTIN keys of a deleted product, each only while it still
 * points at that sku (another product may have taken the key over since).
 * Aliases learned from review are not indexed by sku, so they stay; a match through one
 * finds no product and falls through to the fuzzy stages.
 */
export async function dropLookupKeys(lookup: SkuLookup, tenantId: string, sku: string, keys: ProductKeys): Promise<void> {
  for (const key of lookupKeysOf(keys)) {
    if ((await lookup.find(tenantId, key)) === sku) await lookup.remove(tenantId, key);
  }
}
