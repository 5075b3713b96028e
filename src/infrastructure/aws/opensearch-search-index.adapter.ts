import type { Transport } from '@opensearch-project/opensearch';
import { ConflictError } from '../../common/errors/application-errors';
import type { IndexChange, ProductDocument, PurchaseDocument } from '../../modules/search/domain/search-documents';
import type {
  ProductSearchQuery,
  ProductSearchResult,
  PurchaseSearchQuery,
  PurchaseSearchResult,
  ReindexTarget,
  SearchIndex,
  Suggestion,
} from '../../modules/search/domain/search-index.port';
import { bulkLines } from './opensearch-bulk-actions';
import { indexDefinition } from './opensearch-index-mappings';
import { INITIAL_GENERATION, kindOf, newGeneration, SEARCH_KINDS, type SearchKind, TenantIndexNames } from './opensearch-index-names';
import { autocompleteBody, productSearchBody } from './opensearch-product-query.builder';
import { purchaseSearchBody } from './opensearch-purchase-query.builder';
import {
  type AliasesResponse,
  type BulkResponse,
  bulkFailures,
  emptyProductResult,
  errorTypeOf,
  parseIndexState,
  parseProductSearch,
  parsePurchaseSearch,
  parseSuggestions,
  type SearchResponse,
  type TenantIndexState,
} from './opensearch-response.parser';

/** The client's transport: plain HTTP or SigV4-signed, chosen by the factory. */
export type OpenSearchTransport = Pick<Transport, 'request'>;

interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: object;
  bulkBody?: object[];
  querystring?: Record<string, string | boolean>;
}

/**
 * SearchIndex on OpenSearch: per tenant and kind, an alias in front of one index
 * generation, created on the tenant's first write. A reindex builds the next generation
 * behind a `.building` alias, which every process resolves before writing so that live
 * changes reach both generations until the alias swap.
 */
export class OpenSearchSearchIndex implements SearchIndex {
  constructor(
    private readonly transport: OpenSearchTransport,
    private readonly prefix: string,
  ) {}

  async apply(tenantId: string, changes: readonly IndexChange[]): Promise<void> {
    if (changes.length === 0) return;
    const names = this.names(tenantId);
    const state = await this.indexState(names);
    for (const kind of new Set(changes.map(kindOf))) {
      if (!state.live[kind]) await this.createIndex(kind, names.index(kind, INITIAL_GENERATION), names.alias(kind));
    }
    const building = state.building;
    await this.bulk(bulkLines(tenantId, changes, (kind) => [names.alias(kind), ...(building[kind] ? [building[kind]] : [])]));
  }

  async searchProducts(tenantId: string, query: ProductSearchQuery): Promise<ProductSearchResult> {
    const response = await this.search<ProductDocument>(this.names(tenantId).alias('products'), productSearchBody(query));
    return response ? parseProductSearch(response) : emptyProductResult();
  }

  async autocomplete(tenantId: string, prefix: string, limit: number): Promise<Suggestion[]> {
    if (!prefix.trim()) return [];
    const response = await this.search<Pick<ProductDocument, 'sku' | 'name'>>(
      this.names(tenantId).alias('products'),
      autocompleteBody(prefix.trim(), limit),
    );
    return response ? parseSuggestions(response) : [];
  }

  async searchPurchases(tenantId: string, query: PurchaseSearchQuery): Promise<PurchaseSearchResult> {
    const response = await this.search<PurchaseDocument>(this.names(tenantId).alias('purchases'), purchaseSearchBody(query));
    return response ? parsePurchaseSearch(response) : { total: 0, hits: [] };
  }

  /** The latest call wins: a generation left building by an earlier (or crashed) reindex is dropped. */
  async beginReindex(tenantId: string): Promise<ReindexTarget> {
    const names = this.names(tenantId);
    const state = await this.indexState(names);
    await this.dropIndexes(Object.values(state.building));
    const generation = newGeneration();
    for (const kind of SEARCH_KINDS) await this.createIndex(kind, names.index(kind, generation), names.buildingAlias(kind));
    return { generation };
  }

  async load(tenantId: string, target: ReindexTarget, changes: readonly IndexChange[]): Promise<void> {
    if (changes.length === 0) return;
    const names = this.names(tenantId);
    // Checked on every page: writing to a dropped generation would make OpenSearch
    // auto-create an index of that name with guessed mappings.
    this.assertBuilding(await this.indexState(names), names, target);
    await this.bulk(bulkLines(tenantId, changes, (kind) => [names.index(kind, target.generation)]));
  }

  async activate(tenantId: string, target: ReindexTarget): Promise<void> {
    const names = this.names(tenantId);
    const state = await this.indexState(names);
    this.assertBuilding(state, names, target);
    const next = SEARCH_KINDS.map((kind) => names.index(kind, target.generation));
    // Everything loaded is searchable the moment the alias moves.
    await this.send({ method: 'POST', path: `/${next.join(',')}/_refresh` });
    const actions = SEARCH_KINDS.flatMap((kind) => {
      const index = names.index(kind, target.generation);
      const live = state.live[kind];
      return [
        ...(live ? [{ remove: { index: live, alias: names.alias(kind) } }] : []),
        { add: { index, alias: names.alias(kind) } },
        { remove: { index, alias: names.buildingAlias(kind) } },
      ];
    });
    // One request: OpenSearch applies all alias actions atomically, so no search ever
    // finds the alias missing or on two generations.
    await this.send({ method: 'POST', path: '/_aliases', body: { actions } });
    await this.dropIndexes(Object.values(state.live));
  }

  async abandon(tenantId: string, target: ReindexTarget): Promise<void> {
    const names = this.names(tenantId);
    const state = await this.indexState(names);
    const indexes = SEARCH_KINDS.map((kind) => names.index(kind, target.generation));
    if (SEARCH_KINDS.some((kind, i) => state.live[kind] === indexes[i])) {
      throw new ConflictError(`Search index generation ${target.generation} is already live`);
    }
    await this.dropIndexes(indexes);
  }

  private names(tenantId: string): TenantIndexNames {
    return new TenantIndexNames(this.prefix, tenantId);
  }

  private async send<T>(request: Request): Promise<T> {
    const response = await this.transport.request(request);
    return response.body as T;
  }

  /** A search of an alias not created yet (a tenant that never wrote) finds nothing. */
  private async search<T>(alias: string, body: object): Promise<SearchResponse<T> | undefined> {
    try {
      return await this.send<SearchResponse<T>>({ method: 'POST', path: `/${alias}/_search`, body });
    } catch (error) {
      if (errorTypeOf(error) === 'index_not_found_exception') return undefined;
      throw error;
    }
  }

  private async indexState(names: TenantIndexNames): Promise<TenantIndexState> {
    return parseIndexState(await this.send<AliasesResponse>({ method: 'GET', path: `/${names.allGenerations()}/_alias` }), names);
  }

  /** Idempotent: another process creating the same index first is success. */
  private async createIndex(kind: SearchKind, index: string, alias: string): Promise<void> {
    try {
      await this.send({ method: 'PUT', path: `/${index}`, body: indexDefinition(kind, alias) });
    } catch (error) {
      if (errorTypeOf(error) !== 'resource_already_exists_exception') throw error;
    }
  }

  private async dropIndexes(indexes: string[]): Promise<void> {
    if (indexes.length === 0) return;
    await this.send({ method: 'DELETE', path: `/${indexes.join(',')}`, querystring: { ignore_unavailable: true } });
  }

  private async bulk(lines: object[]): Promise<void> {
    const failures = bulkFailures(await this.send<BulkResponse>({ method: 'POST', path: '/_bulk', bulkBody: lines }));
    if (failures.length > 0) {
      throw new Error(`OpenSearch rejected ${failures.length} bulk action(s): ${failures.slice(0, 10).join('; ')}`);
    }
  }

  private assertBuilding(state: TenantIndexState, names: TenantIndexNames, target: ReindexTarget): void {
    for (const kind of SEARCH_KINDS) {
      if (state.building[kind] !== names.index(kind, target.generation)) {
        throw new ConflictError(`Search index generation ${target.generation} is not being built (activated, abandoned or superseded)`);
      }
    }
  }
}
