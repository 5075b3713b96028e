import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The embedded search index (the Postgres SearchIndex adapter).
 *
 * - Text search configurations `mercantil_simple|spanish|english` map words through unaccent
 *   before the dictionary, so "cafe" finds "Café" while ts_headline still returns the
 *   document's own accented text. Without the unaccent extension they are plain copies.
 * - `mercantil_search_vector` indexes one field three times: the exact word (simple) and its
 *   Spanish and English stems, so "zapato" finds "zapatos" and "shoe" finds "shoes".
 * - Every row belongs to a generation; searches read the tenant's `live` one while a reindex
 *   fills a `building` one beside it.
 * - `search_vocabulary` counts the documents that hold each word of a generation; fuzzy
 *   queries expand typos to its words that share the first letter, by levenshtein.
 * - Deletes leave tombstones (deleted, version kept) so a late older upsert cannot revive them.
 */
export class CreateSearch1700000009000 implements MigrationInterface {
  name = 'CreateSearch1700000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
    const unaccent: unknown[] = await q.query(`SELECT 1 FROM pg_extension WHERE extname = 'unaccent'`);
    for (const [config, dictionary] of [['simple', 'simple'], ['spanish', 'spanish_stem'], ['english', 'english_stem']]) {
      await q.query(`CREATE TEXT SEARCH CONFIGURATION mercantil_${config} (COPY = pg_catalog.${config})`);
      if (unaccent.length > 0) {
        await q.query(`ALTER TEXT SEARCH CONFIGURATION mercantil_${config} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, ${dictionary}`);
      }
    }
    await q.query(`
      CREATE FUNCTION mercantil_search_vector(text, "char") RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT setweight(
        to_tsvector('mercantil_simple', coalesce($1, '')) ||
        to_tsvector('mercantil_spanish', coalesce($1, '')) ||
        to_tsvector('mercantil_english', coalesce($1, '')), $2) $$`);

    await q.query(`CREATE SEQUENCE search_generation_seq`);
    await q.query(`
      CREATE TABLE search_generations (
        tenant_id text NOT NULL,
        generation bigint NOT NULL DEFAULT nextval('search_generation_seq'),
        state text NOT NULL CHECK (state IN ('live', 'building')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, generation)
      )`);
    await q.query(`CREATE UNIQUE INDEX search_generations_live_idx ON search_generations (tenant_id) WHERE state = 'live'`);
    await q.query(`CREATE UNIQUE INDEX search_generations_building_idx ON search_generations (tenant_id) WHERE state = 'building'`);

    await q.query(`
      CREATE TABLE search_products (
        tenant_id text NOT NULL,
        generation bigint NOT NULL,
        sku text NOT NULL,
        version bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        name text,
        description text,
        brand text,
        category text,
        price numeric(19,4),
        currency char(3),
        supplier_id text,
        gtin text,
        updated_at timestamptz,
        search_vector tsvector GENERATED ALWAYS AS (
          mercantil_search_vector(name, 'A') ||
          mercantil_search_vector(coalesce(brand, '') || ' ' || coalesce(category, ''), 'B') ||
          mercantil_search_vector(description, 'C')
        ) STORED,
        -- Lowercase unaccented name for autocomplete's prefix range scan.
        name_key text GENERATED ALWAYS AS (lower(mercantil_unaccent(coalesce(name, '')))) STORED,
        PRIMARY KEY (tenant_id, generation, sku)
      )`);
    await q.query(`CREATE INDEX search_products_vector_idx ON search_products USING gin (search_vector)`);
    await q.query(`CREATE INDEX search_products_name_idx ON search_products (tenant_id, generation, name_key text_pattern_ops) WHERE NOT deleted`);
    await q.query(`CREATE INDEX search_products_price_idx ON search_products (tenant_id, generation, price) WHERE NOT deleted`);
    await q.query(`CREATE INDEX search_products_updated_idx ON search_products (tenant_id, generation, updated_at) WHERE NOT deleted`);

    await q.query(`
      CREATE TABLE search_vocabulary (
        tenant_id text NOT NULL,
        generation bigint NOT NULL,
        word text NOT NULL,
        doc_count integer NOT NULL,
        PRIMARY KEY (tenant_id, generation, word)
      )`);
    // Typo candidates share the first letter and are within two characters of the word's length:
    // a range scan of this index, which levenshtein then checks.
    await q.query(
      `CREATE INDEX search_vocabulary_fuzzy_idx ON search_vocabulary (tenant_id, generation, left(word, 1), char_length(word)) WHERE doc_count > 0`,
    );
    await q.query(`CREATE INDEX search_vocabulary_unused_idx ON search_vocabulary (tenant_id) WHERE doc_count <= 0`);

    await q.query(`
      CREATE TABLE search_purchases (
        tenant_id text NOT NULL,
        generation bigint NOT NULL,
        order_id text NOT NULL,
        version bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        customer_id text,
        customer_name text,
        customer_email text,
        status text,
        total_amount numeric(19,4),
        currency char(3),
        items jsonb,
        -- Item names and skus, flattened by the adapter for the vector below.
        items_text text,
        created_at timestamptz,
        updated_at timestamptz,
        search_vector tsvector GENERATED ALWAYS AS (
          mercantil_search_vector(coalesce(order_id, '') || ' ' || coalesce(customer_name, '') || ' ' || coalesce(customer_email, ''), 'A') ||
          mercantil_search_vector(items_text, 'B')
        ) STORED,
        PRIMARY KEY (tenant_id, generation, order_id)
      )`);
    await q.query(`CREATE INDEX search_purchases_vector_idx ON search_purchases USING gin (search_vector)`);
    await q.query(`CREATE INDEX search_purchases_created_idx ON search_purchases (tenant_id, generation, created_at DESC) WHERE NOT deleted`);
    await q.query(
      `CREATE INDEX search_purchases_customer_idx ON search_purchases (tenant_id, generation, customer_id, created_at DESC) WHERE NOT deleted`,
    );

    await q.query(`
      CREATE TABLE search_reindex_jobs (
        job_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        processed integer NOT NULL DEFAULT 0,
        total integer,
        generation text,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX search_reindex_jobs_active_idx ON search_reindex_jobs (tenant_id) WHERE status IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['search_reindex_jobs', 'search_purchases', 'search_vocabulary', 'search_products', 'search_generations']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP SEQUENCE search_generation_seq`);
    await q.query(`DROP FUNCTION mercantil_search_vector(text, "char")`);
    for (const config of ['simple', 'spanish', 'english']) await q.query(`DROP TEXT SEARCH CONFIGURATION mercantil_${config}`);
  }
}
