/**
 * Upserts of documents and tombstones into some generations of a tenant's index. A row is
 * only overwritten by a higher version, so replays, duplicates and stragglers change nothing.
 * Parameters: $1 tenant, $2 jsonb array of rows, $3 bigint[] generations.
 */

/** The words a product contributes to the vocabulary: its unaccented lowercase words, stems aside. */
const PRODUCT_WORDS = (row: string) =>
  `tsvector_to_array(to_tsvector('mercantil_simple', concat_ws(' ', ${row}.name, ${row}.brand, ${row}.category, ${row}.description)))`;

const PRODUCT_FIELDS = ['version', 'deleted', 'name', 'description', 'brand', 'category', 'price', 'currency', 'supplier_id', 'gtin', 'updated_at'];

/**
 * Writes products and, in the same statement, moves the vocabulary's document counts by the
 * words the written rows lost and gained (the `old` CTE still sees the rows as they were).
 */
export const UPSERT_PRODUCTS = `
  WITH input AS (
    SELECT DISTINCT ON (sku) * FROM jsonb_to_recordset($2::jsonb) AS r(
      sku text, version bigint, deleted boolean, name text, description text, brand text, category text,
      price numeric, currency text, supplier_id text, gtin text, updated_at timestamptz)
    ORDER BY sku, version DESC
  ),
  old AS (
    SELECT p.generation, p.sku, ${PRODUCT_WORDS('p')} AS words FROM search_products p
    WHERE p.tenant_id = $1 AND p.generation = ANY($3::bigint[]) AND p.sku IN (SELECT sku FROM input)
  ),
  written AS (
    INSERT INTO search_products AS p (tenant_id, generation, sku, ${PRODUCT_FIELDS.join(', ')})
    SELECT $1, g, i.sku, ${PRODUCT_FIELDS.map((f) => `i.${f}`).join(', ')} FROM input i CROSS JOIN unnest($3::bigint[]) AS g
    ON CONFLICT (tenant_id, generation, sku) DO UPDATE SET ${PRODUCT_FIELDS.map((f) => `${f} = excluded.${f}`).join(', ')}
    WHERE p.version < excluded.version
    RETURNING p.generation, p.sku, ${PRODUCT_WORDS('p')} AS words
  ),
  delta AS (
    SELECT generation, word, sum(n)::int AS n FROM (
      SELECT w.generation, unnest(w.words) AS word, 1 AS n FROM written w
      UNION ALL
      SELECT o.generation, unnest(o.words), -1 FROM old o JOIN written w USING (generation, sku)
    ) changes GROUP BY generation, word HAVING sum(n) <> 0
  )
  INSERT INTO search_vocabulary AS v (tenant_id, generation, word, doc_count)
  SELECT $1, generation, word, n FROM delta
  ON CONFLICT (tenant_id, generation, word) DO UPDATE SET doc_count = v.doc_count + excluded.doc_count`;

/** Words no document holds any more; typo expansion already skips them, this keeps the table small. */
export const PRUNE_VOCABULARY = `DELETE FROM search_vocabulary WHERE tenant_id = $1 AND doc_count <= 0`;

const PURCHASE_FIELDS = [
  'version', 'deleted', 'customer_id', 'customer_name', 'customer_email', 'status', 'total_amount', 'currency', 'items', 'items_text',
  'created_at', 'updated_at',
];

export const UPSERT_PURCHASES = `
  WITH input AS (
    SELECT DISTINCT ON (order_id) r.*,
      (SELECT string_agg(concat_ws(' ', e->>'name', e->>'sku'), ' ') FROM jsonb_array_elements(coalesce(r.items, '[]')) e) AS items_text
    FROM jsonb_to_recordset($2::jsonb) AS r(
      order_id text, version bigint, deleted boolean, customer_id text, customer_name text, customer_email text, status text,
      total_amount numeric, currency text, items jsonb, created_at timestamptz, updated_at timestamptz)
    ORDER BY order_id, version DESC
  )
  INSERT INTO search_purchases AS p (tenant_id, generation, order_id, ${PURCHASE_FIELDS.join(', ')})
  SELECT $1, g, i.order_id, ${PURCHASE_FIELDS.map((f) => `i.${f}`).join(', ')} FROM input i CROSS JOIN unnest($3::bigint[]) AS g
  ON CONFLICT (tenant_id, generation, order_id) DO UPDATE SET ${PURCHASE_FIELDS.map((f) => `${f} = excluded.${f}`).join(', ')}
  WHERE p.version < excluded.version`;
