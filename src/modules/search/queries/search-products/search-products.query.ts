import { Query } from '@nestjs/cqrs';
import type { ProductSearchQuery, ProductSearchResult } from '../../domain/search-index.port';

export class SearchProductsQuery extends Query<ProductSearchResult> {
  constructor(
    readonly tenantId: string,
    readonly query: ProductSearchQuery,
  ) {
    super();
  }
}
