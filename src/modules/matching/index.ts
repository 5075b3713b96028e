// The Matching module's public surface: other modules import from here only.
export { MatchingModule } from './matching.module';
export { MatchInvoiceLinesCommand, type LineMatchResult } from './commands/match-invoice-lines/match-invoice-lines.command';
export { ConfirmLineMatchCommand } from './commands/confirm-line-match/confirm-line-match.command';
export { CreateProductCommand } from './commands/create-product/create-product.command';
export { ReplaceProductCommand } from './commands/replace-product/replace-product.command';
export { DeleteProductCommand } from './commands/delete-product/delete-product.command';
export { GetProductQuery } from './queries/get-product/get-product.query';
export { ListProductsQuery } from './queries/list-products/list-products.query';
export { LineMatchConfirmedEvent } from './events/line-match-confirmed.event';
export type { InvoiceLineInput, LineMatch, MatchMethod } from './domain/line-match';
export type { Product } from './domain/product';
export { UnknownSkuError, ProductNotFoundError } from './domain/matching.errors';
