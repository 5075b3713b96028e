import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog, SKU lookup, import jobs and the match review queue.
 * `mercantil_unaccent` wraps unaccent() as IMMUTABLE (it is only STABLE because its
 * dictionary could change), which generated columns and expression indexes require;
 * where the unaccent extension is missing it falls back to the identity, and the
 * application still strips accents from what it writes and asks for.
 */
export class CreateCatalog1700000005000 implements MigrationInterface {
  name = 'CreateCatalog1700000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    const unaccent: unknown[] = await q.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'`);
    if (unaccent.length > 0) {
      await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
      await q.query(`
        CREATE OR REPLACE FUNCTION mercantil_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    } else {
      await q.query(`
        CREATE OR REPLACE FUNCTION mercantil_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT $1 $$`);
    }
    await q.query(`
      CREATE TABLE products (
        tenant_id text NOT NULL,
        sku text NOT NULL,
        name text NOT NULL,
        description text,
        brand text,
        category text,
        unit text,
        price numeric(19,4),
        currency char(3),
        supplier_id text,
        supplier_code text,
        gtin text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', mercantil_unaccent(coalesce(name, ''))), 'A') ||
          setweight(to_tsvector('simple', mercantil_unaccent(coalesce(brand, ''))), 'B') ||
          setweight(to_tsvector('simple', mercantil_unaccent(coalesce(category, '') || ' ' || coalesce(description, ''))), 'C')
        ) STORED,
        -- Unaccented lowercase copies for trigram search: stored, so a search never recomputes them row by row.
        name_key text GENERATED ALWAYS AS (mercantil_unaccent(lower(name))) STORED,
        description_key text GENERATED ALWAYS AS (mercantil_unaccent(lower(coalesce(description, '')))) STORED,
        PRIMARY KEY (tenant_id, sku)
      )`);
    await q.query(`CREATE INDEX products_search_idx ON products USING gin (search_vector)`);
    // GiST rather than GIN for trigrams: with invoice-length queries the planner passed over the
    // GIN indexes and compared every row; GiST served `%` in 6.5 ms and `<%` in 19 ms a line,
    // against 48 and 180 ms, over the 3,226-product benchmark catalog on PGlite.
    await q.query(`CREATE INDEX products_name_trgm_idx ON products USING gist (name_key gist_trgm_ops)`);
    await q.query(`CREATE INDEX products_description_trgm_idx ON products USING gist (description_key gist_trgm_ops)`);
    await q.query(`CREATE INDEX products_tenant_supplier_idx ON products (tenant_id, supplier_id, sku)`);
    await q.query(`CREATE INDEX products_tenant_category_idx ON products (tenant_id, category, sku)`);

    await q.query(`
      CREATE TABLE sku_lookup (
        tenant_id text NOT NULL,
        lookup_key text NOT NULL,
        sku text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, lookup_key)
      )`);

    await q.query(`
      CREATE TABLE product_imports (
        import_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        status text NOT NULL,
        total integer NOT NULL,
        processed integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE match_review_items (
        tenant_id text NOT NULL,
        line_id text NOT NULL,
        invoice_id text NOT NULL,
        supplier_id text,
        description text NOT NULL,
        confidence double precision NOT NULL,
        candidates jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        resolved_sku text,
        -- Milliseconds, like the ISO instants in the listing's cursor, so a cursor never lands between two readings of one row.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        resolved_at timestamptz,
        PRIMARY KEY (tenant_id, line_id)
      )`);
    await q.query(`CREATE INDEX match_review_pending_idx ON match_review_items (tenant_id, created_at, line_id) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE match_review_items`);
    await q.query(`DROP TABLE product_imports`);
    await q.query(`DROP TABLE sku_lookup`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP FUNCTION mercantil_unaccent(text)`);
  }
}
