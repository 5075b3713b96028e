// The Search module's public surface: other modules import from here only.
export { SearchModule } from './search.module';
export { SearchChangeSubscriber } from './subscribers/search-change.subscriber';
export { SearchProductsQuery } from './queries/search-products/search-products.query';
export { SearchPurchasesQuery } from './queries/search-purchases/search-purchases.query';
export { AutocompleteProductsQuery } from './queries/autocomplete-products/autocomplete-products.query';
export { StartReindexCommand } from './commands/start-reindex/start-reindex.command';
export { SEARCH_INDEX, type SearchIndex } from './domain/search-index.port';
export type { IndexChange, ProductDocument, PurchaseDocument } from './domain/search-documents';
