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
