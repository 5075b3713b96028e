import { DataSource } from 'typeorm';
import { runSql } from '../../../infrastructure/database/run-sql';
import { lookupKeyText, SkuLookup, SkuLookupEntry, SkuLookupKey } from '../domain/sku-lookup.port';

export class PostgresSkuLookup implements SkuLookup {
  constructor(private readonly db: DataSource) {}

  async find(tenantId: string, key: SkuLookupKey): Promise<string | null> {
    const { rows } = await runSql<{ sku: string }>(
      this.db,
      `SELECT sku FROM sku_lookup WHERE tenant_id = $1 AND lookup_key = $2`,
      [tenantId, lookupKeyText(key)],
    );
    return rows[0]?.sku ?? null;
  }

  async putMany(tenantId: string, entries: SkuLookupEntry[]): Promise<void> {
    // The last entry wins for a repeated key, as it would with one put after another;
    // one statement cannot update the same row twice.
    const byKey = new Map(entries.map((e) => [lookupKeyText(e.key), e.sku]));
    if (byKey.size === 0) return;
    await runSql(
      this.db,
      `INSERT INTO sku_lookup (tenant_id, lookup_key, sku)
       SELECT $1, k, s FROM unnest($2::text[], $3::text[]) AS t (k, s)
       ON CONFLICT (tenant_id, lookup_key) DO UPDATE SET sku = EXCLUDED.sku, updated_at = now()`,
      [tenantId, [...byKey.keys()], [...byKey.values()]],
    );
  }

  async remove(tenantId: string, key: SkuLookupKey): Promise<void> {
    await runSql(this.db, `DELETE FROM sku_lookup WHERE tenant_id = $1 AND lookup_key = $2`, [tenantId, lookupKeyText(key)]);
  }
}
