import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PostgresProductImportRepository } from './adapters/postgres-product-import.repository';
import { PostgresProductRepository } from './adapters/postgres-product.repository';
import { PostgresReviewRepository } from './adapters/postgres-review.repository';
import { LineMatcher } from './application/line-matcher';
import { ProductImportRunner } from './application/product-import.runner';
import { ConfirmLineMatchHandler } from './commands/confirm-line-match/confirm-line-match.handler';
import { CreateProductHandler } from './commands/create-product/create-product.handler';
import { DeleteProductHandler } from './commands/delete-product/delete-product.handler';
import { MatchInvoiceLinesHandler } from './commands/match-invoice-lines/match-invoice-lines.handler';
import { ReplaceProductHandler } from './commands/replace-product/replace-product.handler';
import { StartProductImportHandler } from './commands/start-product-import/start-product-import.handler';
import { PRODUCT_IMPORT_REPOSITORY } from './domain/product-import';
import { PRODUCT_REPOSITORY } from './domain/product-repository.port';
import { REVIEW_REPOSITORY } from './domain/review-item';
import { MatchingReviewController } from './matching-review.controller';
import { ProductsController } from './products.controller';
import { GetProductImportHandler } from './queries/get-product-import/get-product-import.handler';
import { GetProductHandler } from './queries/get-product/get-product.handler';
import { ListProductsHandler } from './queries/list-products/list-products.handler';
import { ListReviewItemsHandler } from './queries/list-review-items/list-review-items.handler';

const relational = (token: symbol, Adapter: new (db: DataSource) => object) => ({
  provide: token,
  inject: [DataSource],
  useFactory: (db: DataSource) => new Adapter(db),
});

/**
 * Catalog, matching and the review queue. SKU_LOOKUP (Postgres or DynamoDB) is bound by
 * the infrastructure module; the catalog, import jobs and review queue need full-text and
 * trigram search or joins, so they have only the relational adapter.
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.storage.maxUploadBytes, files: 1 } }),
    }),
  ],
  controllers: [ProductsController, MatchingReviewController],
  providers: [
    relational(PRODUCT_REPOSITORY, PostgresProductRepository),
    relational(PRODUCT_IMPORT_REPOSITORY, PostgresProductImportRepository),
    relational(REVIEW_REPOSITORY, PostgresReviewRepository),
    LineMatcher,
    ProductImportRunner,
    CreateProductHandler,
    ReplaceProductHandler,
    DeleteProductHandler,
    StartProductImportHandler,
    MatchInvoiceLinesHandler,
    ConfirmLineMatchHandler,
    GetProductHandler,
    ListProductsHandler,
    GetProductImportHandler,
    ListReviewItemsHandler,
  ],
})
export class MatchingModule {}
