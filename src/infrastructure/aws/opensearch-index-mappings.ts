import type { SearchKind } from './opensearch-index-names';

/**
 * Index settings and mappings of a tenant's product and purchase indexes. Mappings are
 * strict: a document field the mapping does not know is a bulk item error, never a
 * silently guessed dynamic field.
 */

const analysis = {
  filter: {
    spanish_stop: { type: 'stop', stopwords: '_spanish_' },
    spanish_stemmer: { type: 'stemmer', language: 'light_spanish' },
    english_possessive: { type: 'stemmer', language: 'possessive_english' },
    english_stop: { type: 'stop', stopwords: '_english_' },
    english_stemmer: { type: 'stemmer', language: 'english' },
    autocomplete_edge_ngram: { type: 'edge_ngram', min_gram: 1, max_gram: 20 },
  },
  analyzer: {
    // Stemming runs before folding: the stemmers know the accented forms.
    folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
    spanish_folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'spanish_stop', 'spanish_stemmer', 'asciifolding'] },
    english_folded: {
      type: 'custom',
      tokenizer: 'standard',
      filter: ['english_possessive', 'lowercase', 'english_stop', 'english_stemmer', 'asciifolding'],
    },
    autocomplete_index: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding', 'autocomplete_edge_ngram'] },
    autocomplete_search: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
  },
  normalizer: {
    folded_keyword: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
  },
};

const settings = {
  index: {
    number_of_shards: 1,
    // Deletes are written with external versions and leave a tombstone that rejects older
    // versions of the document. OpenSearch forgets tombstones after gc_deletes (default 60 s),
    // after which a stale upsert redelivered by the change feed could resurrect a deleted
    // document; an hour covers the queue's retries and backoff.
    gc_deletes: '1h',
  },
  analysis,
};

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;
const version = { type: 'long' } as const;
/** Folded text, with Spanish and English stemmed views of the same value. */
const bilingualText = {
  type: 'text',
  analyzer: 'folded',
  fields: {
    es: { type: 'text', analyzer: 'spanish_folded' },
    en: { type: 'text', analyzer: 'english_folded' },
  },
};
/** A facet/filter value that free text also matches, as `<field>.text`. */
const searchableKeyword = { type: 'keyword', fields: { text: { type: 'text', analyzer: 'folded' } } };
/**
 * An amount: the exact decimal text stays in _source (never parsed to a float on the way
 * back); `.scaled` holds it as a long of ten-thousandths for ranges and sorting.
 */
const amount = { type: 'keyword', index: false, doc_values: false, fields: { scaled: { type: 'scaled_float', scaling_factor: 10000 } } };

const productProperties = {
  tenantId: keyword,
  sku: keyword,
  name: {
    ...bilingualText,
    fields: {
      ...bilingualText.fields,
      autocomplete: { type: 'text', analyzer: 'autocomplete_index', search_analyzer: 'autocomplete_search' },
      // Sorting by name and collapsing duplicate suggestions, case and accents aside.
      sort: { type: 'keyword', normalizer: 'folded_keyword', ignore_above: 1024 },
    },
  },
  description: bilingualText,
  brand: searchableKeyword,
  category: searchableKeyword,
  price: amount,
  currency: keyword,
  supplierId: keyword,
  gtin: keyword,
  updatedAt: date,
  version,
};

const purchaseProperties = {
  tenantId: keyword,
  orderId: keyword,
  customerId: keyword,
  customerName: { type: 'text', analyzer: 'folded' },
  customerEmail: { type: 'text', analyzer: 'folded' },
  status: keyword,
  totalAmount: amount,
  currency: keyword,
  // An object, not nested: items are only matched as a bag of names and skus, never
  // correlated within one line, and multi_match cannot reach into nested documents.
  items: {
    type: 'object',
    properties: {
      sku: keyword,
      name: { type: 'text', analyzer: 'folded' },
      quantity: { type: 'integer' },
      unitPrice: amount,
    },
  },
  createdAt: date,
  updatedAt: date,
  version,
};

const properties: Record<SearchKind, object> = { products: productProperties, purchases: purchaseProperties };

/** The body of `PUT /<index>`, optionally with the alias that makes it live or marks it building. */
export function indexDefinition(kind: SearchKind, alias?: string): object {
  return {
    settings,
    mappings: { dynamic: 'strict', properties: properties[kind] },
    ...(alias ? { aliases: { [alias]: {} } } : {}),
  };
}
