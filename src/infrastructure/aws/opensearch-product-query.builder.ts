import type { ProductSearchQuery, ProductSort } from '../../modules/search/domain/search-index.port';

/** Free-text fields of a product, weighted: a hit in the name counts most. */
const PRODUCT_TEXT_FIELDS = [
  'name^3',
  'name.es^3',
  'name.en^3',
  'brand.text^2',
  'category.text^2',
  'description',
  'description.es',
  'description.en',
];

/**
 * Short queries need every word; longer ones (product titles pasted as queries) three
 * quarters of them, so one odd word does not empty the result.
 */
const MINIMUM_SHOULD_MATCH = '3<75%';

/** Highlighted fields, each base field's views in order of preference. */
export const HIGHLIGHT_FIELDS = {
  name: ['name', 'name.es', 'name.en'],
  description: ['description', 'description.es', 'description.en'],
  brand: ['brand.text'],
  category: ['category.text'],
} as const;

const wholeField = { number_of_fragments: 0 };
const highlight = {
  pre_tags: ['<em>'],
  post_tags: ['</em>'],
  fields: Object.fromEntries(
    Object.entries(HIGHLIGHT_FIELDS).flatMap(([base, fields]) =>
      fields.map((field) => [field, base === 'description' ? { fragment_size: 150, number_of_fragments: 3 } : wholeField]),
    ),
  ),
};

/** Ties broken by sku, so pages never overlap or skip a product. */
const BY_SKU = { sku: 'asc' };
const SORTS: Record<ProductSort, object[]> = {
  relevance: [{ _score: 'desc' }, BY_SKU],
  price_asc: [{ 'price.scaled': { order: 'asc', missing: '_last' } }, BY_SKU],
  price_desc: [{ 'price.scaled': { order: 'desc', missing: '_last' } }, BY_SKU],
  name: [{ 'name.sort': 'asc' }, BY_SKU],
  newest: [{ updatedAt: 'desc' }, BY_SKU],
};

const FACET_SIZE = 50;
const facet = (field: string) => ({ terms: { field, size: FACET_SIZE, order: [{ _count: 'desc' }, { _key: 'asc' }] } });

/** Where the last word may be a prefix still being typed: the unstemmed views. */
const PREFIX_FIELDS = ['name^3', 'brand.text^2', 'category.text^2', 'description'];

/**
 * Typo tolerance: fuzziness AUTO allows 0 edits up to 2 characters, 1 up to 5 and 2
 * beyond (the "1–2 edits by word length"), never in the first character.
 */
const fuzzyWord = (word: string) => ({
  multi_match: {
    query: word,
    type: 'best_fields',
    fields: PRODUCT_TEXT_FIELDS,
    fuzziness: 'AUTO',
    prefix_length: 1,
    tie_breaker: 0.3,
    // A stop word ("de", "the") is dropped by a language view, which then matches
    // everything, so stop words never make a product miss.
    zero_terms_query: 'all',
  },
});

/**
 * One clause per word, each matching in whichever field it can ("zapatillas acme" finds
 * the Acme brand's zapatillas; one multi_match with a minimum per field would not). The
 * last word also matches as a prefix.
 */
export function productTextQuery(q: string): object {
  const words = q.split(/\s+/).filter((word) => word.length > 0);
  const last = words.length - 1;
  return {
    bool: {
      should: words.map((word, i) =>
        i < last ? fuzzyWord(word) : { bool: { should: [fuzzyWord(word), { multi_match: { query: word, type: 'phrase_prefix', fields: PREFIX_FIELDS } }] } },
      ),
      minimum_should_match: MINIMUM_SHOULD_MATCH,
    },
  };
}

/** The page offset of a 1-based page. */
export const offsetOf = (page: number, pageSize: number) => (page - 1) * pageSize;

/**
 * Category and brand filters go in post_filter: the facet aggregations count every match
 * of the text and price, and only the hits are narrowed.
 */
export function productSearchBody(query: ProductSearchQuery): object {
  const q = query.q?.trim();
  const price = { ...(query.minPrice ? { gte: query.minPrice } : {}), ...(query.maxPrice ? { lte: query.maxPrice } : {}) };
  const postFilters = [
    ...(query.category ? [{ term: { category: query.category } }] : []),
    ...(query.brand ? [{ term: { brand: query.brand } }] : []),
  ];
  return {
    from: offsetOf(query.page, query.pageSize),
    size: query.pageSize,
    track_total_hits: true,
    // Scores stay meaningful when sorting by a field.
    track_scores: true,
    query: {
      bool: {
        must: [q ? productTextQuery(q) : { match_all: {} }],
        // Exact decimal text: OpenSearch parses the bounds itself, no float on the way.
        filter: Object.keys(price).length > 0 ? [{ range: { 'price.scaled': price } }] : [],
      },
    },
    ...(postFilters.length > 0 ? { post_filter: { bool: { filter: postFilters } } } : {}),
    aggs: { category: facet('category'), brand: facet('brand') },
    highlight,
    sort: SORTS[query.sort],
  };
}

/** Names whose words start with the prefix's words, one suggestion per distinct name. */
export function autocompleteBody(prefix: string, limit: number): object {
  return {
    size: limit,
    _source: ['sku', 'name'],
    query: { match: { 'name.autocomplete': { query: prefix, operator: 'and' } } },
    // Products sharing a name (case and accents aside) are one suggestion.
    collapse: { field: 'name.sort' },
    sort: [{ _score: 'desc' }, { 'name.sort': 'asc' }],
  };
}
