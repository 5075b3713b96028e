import type { ProductDocument, PurchaseDocument } from '../../modules/search/domain/search-documents';
import type {
  FacetBucket,
  Highlights,
  ProductSearchResult,
  PurchaseSearchResult,
  Suggestion,
} from '../../modules/search/domain/search-index.port';
import { SEARCH_KINDS, type SearchKind, type TenantIndexNames } from './opensearch-index-names';
import { HIGHLIGHT_FIELDS } from './opensearch-product-query.builder';

/** The parts of OpenSearch response bodies the adapter reads. */
interface SearchHit<T> {
  _id: string;
  _score: number | null;
  _source: T;
  highlight?: Record<string, string[]>;
}

export interface SearchResponse<T> {
  hits: { total: { value: number; relation: string }; hits: SearchHit<T>[] };
  aggregations?: Record<string, { buckets: { key: string; doc_count: number }[] }>;
}

interface BulkItemResult {
  _index: string;
  _id: string;
  status: number;
  error?: { type: string; reason: string; caused_by?: { type: string; reason: string } };
}

export interface BulkResponse {
  errors: boolean;
  items: Record<string, BulkItemResult>[];
}

/** `GET /<pattern>/_alias`: each matching index with its aliases. */
export type AliasesResponse = Record<string, { aliases: Record<string, unknown> }>;

const score = (hit: SearchHit<unknown>) => hit._score ?? 0;

/** One base field's fragments, from the first of its views that matched. */
function highlightsOf(hit: SearchHit<unknown>): Highlights {
  const highlights: Highlights = {};
  for (const [base, views] of Object.entries(HIGHLIGHT_FIELDS)) {
    const fragments = views.map((view) => hit.highlight?.[view]).find((found) => found && found.length > 0);
    if (fragments) highlights[base as keyof Highlights] = fragments;
  }
  return highlights;
}

const buckets = (response: SearchResponse<unknown>, name: string): FacetBucket[] =>
  (response.aggregations?.[name]?.buckets ?? []).map((bucket) => ({ value: bucket.key, count: bucket.doc_count }));

export function parseProductSearch(response: SearchResponse<ProductDocument>): ProductSearchResult {
  return {
    total: response.hits.total.value,
    hits: response.hits.hits.map((hit) => ({ product: hit._source, score: score(hit), highlights: highlightsOf(hit) })),
    facets: { category: buckets(response, 'category'), brand: buckets(response, 'brand') },
  };
}

export function parseSuggestions(response: SearchResponse<Pick<ProductDocument, 'sku' | 'name'>>): Suggestion[] {
  return response.hits.hits.map((hit) => ({ text: hit._source.name, sku: hit._source.sku }));
}

export function parsePurchaseSearch(response: SearchResponse<PurchaseDocument>): PurchaseSearchResult {
  return {
    total: response.hits.total.value,
    hits: response.hits.hits.map((hit) => ({ purchase: hit._source, score: score(hit) })),
  };
}

export const emptyProductResult = (): ProductSearchResult => ({ total: 0, hits: [], facets: { category: [], brand: [] } });

/**
 * Bulk items that failed for a reason other than "the index already holds this version or
 * a newer one" (409 version_conflict_engine_exception, the expected answer to a stale or
 * redelivered change).
 */
export function bulkFailures(response: BulkResponse): string[] {
  if (!response.errors) return [];
  return response.items.flatMap((item) =>
    Object.entries(item)
      .filter(([, result]) => result.error && !(result.status === 409 && result.error.type === 'version_conflict_engine_exception'))
      .map(([action, { _index, _id, status, error }]) => {
        const cause = error!.caused_by ? ` (${error!.caused_by.type}: ${error!.caused_by.reason})` : '';
        return `${action} ${_index}/${_id}: ${status} ${error!.type}: ${error!.reason}${cause}`;
      }),
  );
}

/** Which concrete index each kind's live alias and building alias point at, if any. */
export interface TenantIndexState {
  live: Partial<Record<SearchKind, string>>;
  building: Partial<Record<SearchKind, string>>;
}

export function parseIndexState(response: AliasesResponse, names: TenantIndexNames): TenantIndexState {
  const state: TenantIndexState = { live: {}, building: {} };
  for (const [index, { aliases }] of Object.entries(response)) {
    for (const kind of SEARCH_KINDS) {
      if (names.alias(kind) in aliases) state.live[kind] = index;
      if (names.buildingAlias(kind) in aliases) state.building[kind] = index;
    }
  }
  return state;
}

/** The OpenSearch error type of a failed request (a ResponseError of the client), if any. */
export function errorTypeOf(error: unknown): string | undefined {
  const body = (error as { meta?: { body?: { error?: { type?: string } } } })?.meta?.body;
  return body?.error?.type;
}
