import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostgresReindexJobRepository } from './adapters/postgres-reindex-job.repository';
import { StartReindexHandler } from './commands/start-reindex/start-reindex.handler';
import { REINDEX_JOB_REPOSITORY } from './domain/reindex-job';
import { AutocompleteProductsHandler } from './queries/autocomplete-products/autocomplete-products.handler';
import { GetReindexJobHandler } from './queries/get-reindex-job/get-reindex-job.handler';
import { SearchProductsHandler } from './queries/search-products/search-products.handler';
import { SearchPurchasesHandler } from './queries/search-purchases/search-purchases.handler';
import { ReindexSource } from './reindex/reindex-source';
import { SearchReindexConsumer } from './reindex/search-reindex.consumer';
import { SearchChangeSubscriber } from './subscribers/search-change.subscriber';
import { SearchReindexController } from './search-reindex.controller';
import { SearchController } from './search.controller';

/**
 * Product and purchase search. SEARCH_INDEX (Postgres or OpenSearch) is bound by the
 * infrastructure module; the index is fed by the change feed and rebuilt by the reindex job.
 */
@Module({
  controllers: [SearchReindexController, SearchController],
  providers: [
    { provide: REINDEX_JOB_REPOSITORY, inject: [DataSource], useFactory: (db: DataSource) => new PostgresReindexJobRepository(db) },
    SearchChangeSubscriber,
    ReindexSource,
    SearchReindexConsumer,
    StartReindexHandler,
    SearchProductsHandler,
    SearchPurchasesHandler,
    AutocompleteProductsHandler,
    GetReindexJobHandler,
  ],
})
export class SearchModule {}
