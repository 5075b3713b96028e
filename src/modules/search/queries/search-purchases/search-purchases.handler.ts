import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PurchaseSearchResult, SEARCH_INDEX, SearchIndex } from '../../domain/search-index.port';
import { SearchPurchasesQuery } from './search-purchases.query';

@QueryHandler(SearchPurchasesQuery)
export class SearchPurchasesHandler implements IQueryHandler<SearchPurchasesQuery> {
  constructor(@Inject(SEARCH_INDEX) private readonly index: SearchIndex) {}

  execute({ tenantId, query }: SearchPurchasesQuery): Promise<PurchaseSearchResult> {
    return this.index.searchPurchases(tenantId, query);
  }
}
