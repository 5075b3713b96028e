import { Query } from '@nestjs/cqrs';
import type { Suggestion } from '../../domain/search-index.port';

export class AutocompleteProductsQuery extends Query<Suggestion[]> {
  constructor(
    readonly tenantId: string,
    readonly prefix: string,
    readonly limit: number,
  ) {
    super();
  }
}
