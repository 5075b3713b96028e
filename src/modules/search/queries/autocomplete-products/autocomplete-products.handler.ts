import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SEARCH_INDEX, SearchIndex, Suggestion } from '../../domain/search-index.port';
import { AutocompleteProductsQuery } from './autocomplete-products.query';

@QueryHandler(AutocompleteProductsQuery)
export class AutocompleteProductsHandler implements IQueryHandler<AutocompleteProductsQuery> {
  constructor(@Inject(SEARCH_INDEX) private readonly index: SearchIndex) {}

  execute({ tenantId, prefix, limit }: AutocompleteProductsQuery): Promise<Suggestion[]> {
    return this.index.autocomplete(tenantId, prefix, limit);
  }
}
