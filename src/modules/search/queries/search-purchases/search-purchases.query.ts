import { Query } from '@nestjs/cqrs';
import type { PurchaseSearchQuery, PurchaseSearchResult } from '../../domain/search-index.port';

export class SearchPurchasesQuery extends Query<PurchaseSearchResult> {
  constructor(
    readonly tenantId: string,
    readonly query: PurchaseSearchQuery,
  ) {
    super();
  }
}
