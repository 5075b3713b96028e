import { cacheKey } from '../cache/cache.port';

/**
 * The cache tag of every result computed from lake table `table` for `tenantId`: whatever adds
 * or rewrites that table's rows for the tenant (the lake writers, the sales batch, the invoice
 * pipeline) invalidates it, so a cached report never outlives the data it was computed from.
 */
export function lakeTableCacheTag(tenantId: string, table: string): string {
  return cacheKey('lake', tenantId, table);
}
