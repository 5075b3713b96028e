import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProductSearchResult, SEARCH_INDEX, SearchIndex } from '../../domain/search-index.port';
import { SearchProductsQuery } from './search-products.query';

@QueryHandler(SearchProductsQuery)
export class SearchProductsHandler implements IQueryHandler<SearchProductsQuery> {
  constructor(@Inject(SEARCH_INDEX) private readonly index: SearchIndex) {}

  execute({ tenantId, query }: SearchProductsQuery): Promise<ProductSearchResult> {
    return this.index.searchProducts(tenantId, query);
  }
}
