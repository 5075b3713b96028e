import { DataSource } from 'typeorm';
import { formatAmountSql } from '../../../common/money/money';
import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import { changesCommitted, isoTimeSql, recordChangesFrom } from '../../../infrastructure/change-feed/change-outbox-writes';
import { runSql, txSql } from '../../../infrastructure/database/run-sql';
import type { Product, ProductFields, ProductKeys } from '../domain/product';
import {
  CandidateQuery,
  CatalogCandidate,
  ProductListQuery,
  ProductPage,
  ProductRepository,
} from '../domain/product-repository.port';
import { contentTokens, normalizeText } from '../domain/text-normalizer';

const FIELDS = ['sku', 'name', 'description', 'brand', 'category', 'unit', 'price', 'currency', 'supplier_id', 'supplier_code', 'gtin'];
const UPDATABLE = FIELDS.filter((f) => f !== 'sku').map((f) => `${f} = EXCLUDED.${f}`).join(', ');
/** 12 parameters a row keeps a 500-row batch far below Postgres' 65,535 bind parameter limit. */
const PARAMS_PER_ROW = FIELDS.length + 1;

/**
 * The Product of row `p` as JSON. Built in SQL so that what the API returns and the image a
 * change carries in the outbox are one mapping; the price is formatted as formatAmount does.
 */
const productImage = (p: string) => `jsonb_build_object(
  'tenantId', ${p}.tenant_id, 'sku', ${p}.sku, 'name', ${p}.name, 'description', ${p}.description, 'brand', ${p}.brand,
  'category', ${p}.category, 'unit', ${p}.unit, 'price', ${formatAmountSql(`${p}.price`)},
  'currency', ${p}.currency, 'supplierId', ${p}.supplier_id, 'supplierCode', ${p}.supplier_code, 'gtin', ${p}.gtin,
  'createdAt', ${isoTimeSql(`${p}.created_at`)}, 'updatedAt', ${isoTimeSql(`${p}.updated_at`)}, 'version', ${p}.version)`;

/** The change rows of the products in CTE `written`, each carrying its image after the write. */
const CHANGED = `changed AS (SELECT written.*, written.sku AS key, written.updated_at AS occurred_at, ${productImage('written')} AS data FROM written),
  recorded AS (${recordChangesFrom('changed', 'product', 'upsert')})`;

const isPosition = (v: unknown): v is [string] => Array.isArray(v) && v.length === 1 && typeof v[0] === 'string';

export class PostgresProductRepository implements ProductRepository {
  constructor(private readonly db: DataSource) {}

  // Every write records its changes in the outbox within the same statement (see CHANGED);
  // a product created again after a delete continues from the version its tombstone holds.

  async create(tenantId: string, product: ProductFields): Promise<Product | null> {
    const rows = await this.writeLocked<ProductImage>(
      tenantId,
      [product.sku],
      `WITH written AS (
         INSERT INTO products (tenant_id, ${FIELDS.join(', ')}, version)
         VALUES (${placeholders(0)}, (SELECT coalesce(max(version), 0) + 1 FROM product_tombstones WHERE tenant_id = $1 AND sku = $2))
         ON CONFLICT (tenant_id, sku) DO NOTHING RETURNING *),
       ${CHANGED}
       SELECT data AS product FROM changed`,
      toValues(tenantId, product),
    );
    return rows.length ? rows[0].product : null;
  }

  async replace(tenantId: string, product: ProductFields): Promise<{ before: ProductKeys; after: Product } | null> {
    // The old keys are read in the same statement so a concurrent change cannot slip in between.
    const rows = await this.write<ProductImage & { old_supplier_id: string | null; old_supplier_code: string | null; old_gtin: string | null }>(
      `WITH old AS (SELECT tenant_id, sku, supplier_id, supplier_code, gtin FROM products WHERE tenant_id = $1 AND sku = $2 FOR UPDATE),
       written AS (
         UPDATE products p SET ${FIELDS.filter((f) => f !== 'sku').map((f, i) => `${f} = $${i + 3}`).join(', ')}, updated_at = now(), version = p.version + 1
         FROM old WHERE p.tenant_id = old.tenant_id AND p.sku = old.sku
         RETURNING p.*, old.supplier_id AS old_supplier_id, old.supplier_code AS old_supplier_code, old.gtin AS old_gtin),
       ${CHANGED}
       SELECT data AS product, old_supplier_id, old_supplier_code, old_gtin FROM changed`,
      toValues(tenantId, product),
    );
    if (!rows.length) return null;
    const row = rows[0];
    return { before: { supplierId: row.old_supplier_id, supplierCode: row.old_supplier_code, gtin: row.old_gtin }, after: row.product };
  }

  async upsertMany(tenantId: string, products: ProductFields[]): Promise<Product[]> {
    if (products.length === 0) return [];
    const values = products.flatMap((p) => toValues(tenantId, p));
    const tuples = products.map((_, i) => `(${placeholders(i * PARAMS_PER_ROW)})`).join(', ');
    const rows = await this.writeLocked<ProductImage>(
      tenantId,
      products.map((p) => p.sku),
      `WITH input (${['tenant_id', ...FIELDS].join(', ')}) AS (VALUES ${tuples}),
       old AS (SELECT ${productImage('p')} AS product FROM products p JOIN input i ON p.tenant_id = i.tenant_id AND p.sku = i.sku),
       written AS (
         INSERT INTO products (tenant_id, ${FIELDS.join(', ')}, version)
         SELECT i.tenant_id, ${FIELDS.map((f) => (f === 'price' ? 'i.price::numeric' : `i.${f}`)).join(', ')}, coalesce(t.version, 0) + 1
         FROM input i LEFT JOIN product_tombstones t ON t.tenant_id = i.tenant_id AND t.sku = i.sku
         ON CONFLICT (tenant_id, sku) DO UPDATE SET ${UPDATABLE}, updated_at = now(), version = products.version + 1
         RETURNING *),
       ${CHANGED}
       SELECT product FROM old`,
      values,
    );
    return rows.map((r) => r.product);
  }

  async delete(tenantId: string, sku: string): Promise<Product | null> {
    const rows = await this.writeLocked<ProductImage>(
      tenantId,
      [sku],
      `WITH gone AS (DELETE FROM products WHERE tenant_id = $1 AND sku = $2 RETURNING *),
       tombstone AS (
         INSERT INTO product_tombstones (tenant_id, sku, version) SELECT tenant_id, sku, version + 1 FROM gone
         ON CONFLICT (tenant_id, sku) DO UPDATE SET version = EXCLUDED.version),
       changed AS (SELECT gone.tenant_id, gone.sku AS key, gone.version + 1 AS version, now() AS occurred_at, ${productImage('gone')} AS data FROM gone),
       recorded AS (${recordChangesFrom('changed', 'product', 'delete')})
       SELECT data AS product FROM changed`,
      [tenantId, sku],
    );
    return rows.length ? rows[0].product : null;
  }

  async get(tenantId: string, sku: string): Promise<Product | null> {
    const { rows } = await runSql<ProductImage>(this.db, `SELECT ${productImage('p')} AS product FROM products p WHERE tenant_id = $1 AND sku = $2`, [
      tenantId,
      sku,
    ]);
    return rows.length ? rows[0].product : null;
  }

  async existing(tenantId: string, skus: string[]): Promise<Set<string>> {
    const { rows } = await runSql<{ sku: string }>(this.db, `SELECT sku FROM products WHERE tenant_id = $1 AND sku = ANY($2)`, [tenantId, skus]);
    return new Set(rows.map((r) => r.sku));
  }

  async list(tenantId: string, query: ProductListQuery): Promise<ProductPage> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (clause: string, ...values: unknown[]) => {
      const start = params.length;
      params.push(...values);
      where.push(clause.replace(/\$(\d)/g, (_, n: string) => `$${start + Number(n)}`));
    };
    if (query.supplierId) add('supplier_id = $1', query.supplierId);
    if (query.category) add('category = $1', query.category);
    if (query.q) {
      const text = normalizeText(query.q);
      add(`(search_vector @@ plainto_tsquery('simple', mercantil_unaccent($1)) OR mercantil_unaccent($1) <% name_key)`, text);
    }
    if (query.cursor) add('sku > $1', decodeCursor(query.cursor, isPosition)[0]);
    params.push(query.limit + 1);
    const { rows } = await runSql<ProductImage>(
      this.db,
      `SELECT ${productImage('p')} AS product FROM products p WHERE ${where.join(' AND ')} ORDER BY sku LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, query.limit).map((r) => r.product);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.sku]) : null };
  }

  async findCandidates(tenantId: string, query: CandidateQuery): Promise<CatalogCandidate[]> {
    const tokens = contentTokens(query.text);
    if (tokens.length === 0) return [];
    // Three top-N lists merged: full text with any of the words (ranked by cover density),
    // trigram similarity to the name and word similarity within the description. Each finds
    // matches the others miss (word order, typos, run-together codes, long descriptions).
    const { rows } = await runSql<{
      sku: string; name: string; description: string | null; brand: string | null; price: string | null; name_similarity: number;
    }>(
      this.db,
      `WITH hits AS (
         (SELECT sku FROM products WHERE tenant_id = $1 AND search_vector @@ to_tsquery('simple', $2)
          ORDER BY ts_rank_cd(search_vector, to_tsquery('simple', $2), 1) DESC, sku LIMIT $4)
         UNION
         (SELECT sku FROM products WHERE tenant_id = $1 AND name_key % $3 ORDER BY similarity(name_key, $3) DESC, sku LIMIT $4)
         UNION
         (SELECT sku FROM products WHERE tenant_id = $1 AND $3 <% description_key
          ORDER BY word_similarity($3, description_key) DESC, sku LIMIT $4)
       )
       SELECT p.sku, p.name, p.description, p.brand, ${formatAmountSql('p.price')} AS price, similarity(p.name_key, $3) AS name_similarity
       FROM hits JOIN products p ON p.tenant_id = $1 AND p.sku = hits.sku`,
      // Content tokens are [a-z0-9.] only, so they cannot smuggle tsquery operators in.
      [tenantId, tokens.join(' | '), tokens.join(' '), query.limit],
    );
    return rows.map((r) => ({
      sku: r.sku,
      name: r.name,
      description: r.description,
      brand: r.brand,
      price: r.price,
      nameSimilarity: Number(r.name_similarity),
    }));
  }

  async refreshStatistics(): Promise<void> {
    await runSql(this.db, `ANALYZE products`);
  }

  private async write<T extends object>(sql: string, params: unknown[]): Promise<T[]> {
    const { rows } = await runSql<T>(this.db, sql, params);
    changesCommitted(this.db);
    return rows;
  }

  /**
   * A write that creates or deletes rows, after taking its skus' locks in a statement of its
   * own. A statement sees the data as of its start: a create that waited on a concurrent
   * delete's row would insert with the tombstone version it read before, below the delete's.
   * Holding the lock first, the write starts (and reads the tombstones) once the other has committed.
   */
  private async writeLocked<T extends object>(tenantId: string, skus: string[], sql: string, params: unknown[]): Promise<T[]> {
    const rows = await this.db.transaction(async (tx) => {
      // In sku order, so two writers of overlapping batches cannot deadlock.
      await txSql(tx, `SELECT pg_advisory_xact_lock(hashtextextended('products:' || $1 || ':' || sku, 0)) FROM (SELECT DISTINCT unnest($2::text[]) AS sku ORDER BY 1) s`, [
        tenantId,
        skus,
      ]);
      return (await txSql<T>(tx, sql, params)).rows;
    });
    changesCommitted(this.db);
    return rows;
  }
}

interface ProductImage {
  product: Product;
}

function placeholders(offset: number): string {
  return Array.from({ length: PARAMS_PER_ROW }, (_, i) => `$${offset + i + 1}`).join(', ');
}

function toValues(tenantId: string, p: ProductFields): unknown[] {
  return [tenantId, p.sku, p.name, p.description, p.brand, p.category, p.unit, p.price, p.currency, p.supplierId, p.supplierCode, p.gtin];
}
