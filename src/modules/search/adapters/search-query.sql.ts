import { formatAmountSql } from '../../../common/money/money';
import { FUZZINESS } from '../domain/fuzziness';
import type { ProductSort, ProductSearchQuery, PurchaseSearchQuery } from '../domain/search-index.port';

/** Collects positional parameters while a statement is assembled. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** One word of the query and the vocabulary words within its typo allowance. */
export interface QueryTerm {
  word: string;
  alternatives: string[];
}

export const LIVE_GENERATION = (tenant: string) =>
  `(SELECT generation FROM search_generations WHERE tenant_id = ${tenant} AND state = 'live')`;

/** The edits fuzziness.ts allows for a word. */
const ALLOWED_EDITS_SQL = (word: string) =>
  `(CASE WHEN char_length(${word}) <= ${FUZZINESS.exactUpTo} THEN 0 WHEN char_length(${word}) <= ${FUZZINESS.oneEditUpTo} THEN 1 ELSE 2 END)`;

/**
 * Splits the query with the same parser and unaccenting configuration as the documents, in
 * order, and lists for each word the tenant's vocabulary words that may be within its allowed edits
 * and start with the same letter (OpenSearch's prefix_length 1, as the OpenSearch adapter asks):
 * an index range scan by first letter and length, then levenshtein (see fuzziness.ts).
 */
export function queryTermsSql(tenant: string, text: string): string {
  const edits = ALLOWED_EDITS_SQL('w.word');
  return `
    WITH words AS (
      SELECT lexeme AS word, positions[1] AS pos FROM unnest(to_tsvector('mercantil_simple', ${text}))
    )
    SELECT w.word, coalesce(array_agg(e.word ORDER BY e.word) FILTER (WHERE e.word IS NOT NULL), '{}') AS alternatives
    FROM words w
    LEFT JOIN LATERAL (
      SELECT v.word FROM search_vocabulary v
      WHERE v.tenant_id = ${tenant} AND v.generation = ${LIVE_GENERATION(tenant)} AND v.doc_count > 0
        AND left(v.word, 1) = left(w.word, 1)
        AND char_length(v.word) BETWEEN char_length(w.word) - ${edits} AND char_length(w.word) + ${edits}
        AND ${edits} > 0 AND v.word <> w.word
        -- levenshtein counts a swap of two letters as two edits: fetched one edit wider, the adapter
        -- keeps the words within the allowance by editDistance, where a swap is one.
        AND levenshtein_less_equal(v.word, w.word, ${edits} + 1) <= ${edits} + 1
    ) e ON true
    GROUP BY w.word, w.pos
    ORDER BY w.pos`;
}

const quoteLexeme = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsquery of the terms: each word matches itself, its typo alternatives, and the Spanish
 * and English stems of those; the last word also matches as a prefix. `all` requires every
 * word; otherwise any word will do (ranking sorts out the best).
 */
export function textQuerySql(terms: readonly QueryTerm[], params: SqlParams, all: boolean): string {
  const parts = terms.map((term, i) => {
    const words = [term.word, ...term.alternatives].map(quoteLexeme);
    const exact = params.add([...words, ...(i === terms.length - 1 ? [`${quoteLexeme(term.word)}:*`] : [])].join(' | '));
    const stemmed = params.add(words.join(' | '));
    return `(to_tsquery('mercantil_simple', ${exact}) || to_tsquery('mercantil_spanish', ${stemmed}) || to_tsquery('mercantil_english', ${stemmed}))`;
  });
  return parts.join(all ? ' && ' : ' || ');
}

/** The query's own words, for a boost of exact over fuzzy or stemmed matches. */
export function exactQuerySql(terms: readonly QueryTerm[], params: SqlParams): string {
  return `to_tsquery('mercantil_simple', ${params.add(terms.map((t) => quoteLexeme(t.word)).join(' | '))})`;
}

const RANK = `(ts_rank(d.search_vector, query.q) + ts_rank(d.search_vector, query.exact))`;

const PRODUCT_ORDER: Record<ProductSort, string> = {
  relevance: `${RANK} DESC, d.sku`,
  price_asc: 'd.price ASC NULLS LAST, d.sku',
  price_desc: 'd.price DESC NULLS LAST, d.sku',
  name: 'd.name_key, d.sku',
  newest: 'd.updated_at DESC, d.sku',
};

const FACET_SIZE = 20;
const facet = (column: string) => `
  (SELECT coalesce(json_agg(json_build_object('value', f.value, 'count', f.count) ORDER BY f.count DESC, f.value), '[]')
   FROM (SELECT ${column} AS value, count(*)::int AS count FROM matches WHERE ${column} IS NOT NULL
         GROUP BY ${column} ORDER BY count(*) DESC, ${column} LIMIT ${FACET_SIZE}) f)`;

const HEADLINE = (column: string, options: string) => `ts_headline('mercantil_simple', coalesce(d.${column}, ''), query.q, '${options}')`;
const SHORT_FIELD = 'StartSel=<em>, StopSel=</em>, HighlightAll=true';
const LONG_FIELD = 'StartSel=<em>, StopSel=</em>, MaxFragments=2, MaxWords=20, MinWords=5';

/** The `page` CTE: one page of the sorted keys (a top-N sort, not a sort of every match), numbered in order. */
const pageSql = (sortedKeys: string, limit: string, offset: string) =>
  `page AS (SELECT x.*, row_number() OVER () AS ord FROM (${sortedKeys} LIMIT ${limit} OFFSET ${offset}) x)`;

/**
 * One statement for a product search: the total, both facets (over the matches before the
 * category and brand filters) and the page with highlights. `terms` empty: no text query.
 */
export function productSearchSql(tenantId: string, query: ProductSearchQuery, terms: readonly QueryTerm[], all: boolean): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const tenant = params.add(tenantId);
  const hasText = terms.length > 0;
  const matchWhere = [`d.tenant_id = ${tenant}`, `d.generation = ${LIVE_GENERATION(tenant)}`, 'NOT d.deleted'];
  if (hasText) matchWhere.push('d.search_vector @@ query.q');
  if (query.minPrice !== undefined) matchWhere.push(`d.price >= ${params.add(query.minPrice)}::numeric`);
  if (query.maxPrice !== undefined) matchWhere.push(`d.price <= ${params.add(query.maxPrice)}::numeric`);
  const filterWhere = ['true'];
  if (query.category !== undefined) filterWhere.push(`category = ${params.add(query.category)}`);
  if (query.brand !== undefined) filterWhere.push(`brand = ${params.add(query.brand)}`);
  const queryCte = hasText ? `${textQuerySql(terms, params, all)} AS q, ${exactQuerySql(terms, params)} AS exact` : `NULL::tsquery AS q, NULL::tsquery AS exact`;
  const order = hasText || query.sort !== 'relevance' ? PRODUCT_ORDER[query.sort] : PRODUCT_ORDER.name;
  const limit = params.add(query.pageSize);
  const offset = params.add((query.page - 1) * query.pageSize);
  const highlights = hasText
    ? `json_build_object('name', ${HEADLINE('name', SHORT_FIELD)}, 'brand', ${HEADLINE('brand', SHORT_FIELD)},
         'category', ${HEADLINE('category', SHORT_FIELD)}, 'description', ${HEADLINE('description', LONG_FIELD)})`
    : `'{}'::json`;
  // Matches carry only what filters, facets and sorting need; the page's rows are read back whole.
  const text = `
    WITH query AS (SELECT ${queryCte}),
    matches AS MATERIALIZED (
      SELECT d.sku, d.category, d.brand, d.price, d.name_key, d.updated_at${hasText ? ', d.search_vector' : ''}
      FROM search_products d, query WHERE ${matchWhere.join(' AND ')}
    ),
    filtered AS (SELECT * FROM matches WHERE ${filterWhere.join(' AND ')}),
    ${pageSql(`SELECT d.sku FROM filtered d, query ORDER BY ${order}`, limit, offset)}
    SELECT (SELECT count(*)::int FROM filtered) AS total, ${facet('category')} AS categories, ${facet('brand')} AS brands,
      (SELECT coalesce(json_agg(h ORDER BY h.ord), '[]') FROM (
        SELECT page.ord, d.sku, d.name, d.description, d.brand, d.category, ${formatAmountSql('d.price')} AS price, d.currency, d.supplier_id, d.gtin,
          d.updated_at, d.version, ${hasText ? RANK : '0'} AS score, ${highlights} AS highlights
        FROM page JOIN search_products d ON d.tenant_id = ${tenant} AND d.generation = ${LIVE_GENERATION(tenant)} AND d.sku = page.sku, query
      ) h) AS hits`;
  return { text, values: params.values };
}

/** A purchase search: total and page, by relevance then newest when there is text, else newest first. */
export function purchaseSearchSql(tenantId: string, query: PurchaseSearchQuery, terms: readonly QueryTerm[], all: boolean): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const tenant = params.add(tenantId);
  const hasText = terms.length > 0;
  const where = [`d.tenant_id = ${tenant}`, `d.generation = ${LIVE_GENERATION(tenant)}`, 'NOT d.deleted'];
  if (hasText) where.push('d.search_vector @@ query.q');
  if (query.customerId !== undefined) where.push(`d.customer_id = ${params.add(query.customerId)}`);
  if (query.from !== undefined) where.push(`d.created_at >= ${params.add(query.from)}::timestamptz`);
  if (query.to !== undefined) where.push(`d.created_at < ${params.add(query.to)}::timestamptz`);
  const queryCte = hasText ? `${textQuerySql(terms, params, all)} AS q, ${exactQuerySql(terms, params)} AS exact` : `NULL::tsquery AS q, NULL::tsquery AS exact`;
  const order = `${hasText ? `${RANK} DESC, ` : ''}d.created_at DESC, d.order_id`;
  const limit = params.add(query.pageSize);
  const offset = params.add((query.page - 1) * query.pageSize);
  const text = `
    WITH query AS (SELECT ${queryCte}),
    matches AS MATERIALIZED (
      SELECT d.order_id, d.created_at${hasText ? ', d.search_vector' : ''} FROM search_purchases d, query WHERE ${where.join(' AND ')}
    ),
    ${pageSql(`SELECT d.order_id FROM matches d, query ORDER BY ${order}`, limit, offset)}
    SELECT (SELECT count(*)::int FROM matches) AS total,
      (SELECT coalesce(json_agg(h ORDER BY h.ord), '[]') FROM (
        SELECT page.ord, d.order_id, d.customer_id, d.customer_name, d.customer_email, d.status, d.total_amount::text AS total_amount,
          d.currency, d.items, d.created_at, d.updated_at, d.version, ${hasText ? RANK : '0'} AS score
        FROM page JOIN search_purchases d ON d.tenant_id = ${tenant} AND d.generation = ${LIVE_GENERATION(tenant)} AND d.order_id = page.order_id, query
      ) h) AS hits`;
  return { text, values: params.values };
}

/**
 * How many names with a word starting with the prefix are weighed for the shortest: a short
 * prefix can match a large share of the catalog, and a keystroke must not rank all of it.
 */
const AUTOCOMPLETE_CANDIDATES = 200;

/**
 * Names that start with the prefix (an index range scan), then, when those do not fill the list, names with words that do
 * (earlier words whole, the last as a prefix, name-weighted lexemes only), the shortest of the first
 * AUTOCOMPLETE_CANDIDATES found first.
 */
export function autocompleteSql(): string {
  const pattern = `replace(replace(replace(lower(mercantil_unaccent($2)), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
  return `
    WITH words AS (SELECT lexeme, positions[1] AS pos, max(positions[1]) OVER () AS last FROM unnest(to_tsvector('mercantil_simple', $2))),
    query AS (
      SELECT to_tsquery('mercantil_simple', string_agg(
        '''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''' || CASE WHEN pos = last THEN ':*A' ELSE ':A' END, ' & ')) AS q
      FROM words
    ),
    starts AS (
      SELECT d.name, d.sku, 0 AS tier, d.name_key FROM search_products d
      WHERE d.tenant_id = $1 AND d.generation = ${LIVE_GENERATION('$1')} AND NOT d.deleted AND d.name_key LIKE ${pattern}
      ORDER BY d.name_key, d.sku LIMIT $3
    ),
    inside AS (
      SELECT c.name, c.sku, 1 AS tier, c.name_key FROM (
        SELECT d.name, d.sku, d.name_key FROM search_products d, query
        WHERE d.tenant_id = $1 AND d.generation = ${LIVE_GENERATION('$1')} AND NOT d.deleted AND d.search_vector @@ query.q
          AND NOT d.name_key LIKE ${pattern} AND (SELECT count(*) FROM starts) < $3
        LIMIT ${AUTOCOMPLETE_CANDIDATES}
      ) c
      ORDER BY char_length(c.name), c.name_key, c.sku LIMIT $3
    )
    SELECT name, sku FROM (SELECT * FROM starts UNION ALL SELECT * FROM inside) s
    ORDER BY tier, CASE WHEN tier = 0 THEN 0 ELSE char_length(name) END, name_key, sku LIMIT $3`;
}
