import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CACHE } from '../common/cache/cache.port';
import { METRICS, Metrics } from '../common/metrics/metrics.port';
import { Notifier, NOTIFIER } from '../common/notifications/notifier.port';
import { OBJECT_STORAGE, ObjectStorage } from '../common/storage/object-storage.port';
import { AppConfig } from '../config/app-config';
import { PostgresInvoiceRepository } from '../modules/invoices/adapters/postgres-invoice.repository';
import { INVOICE_REPOSITORY } from '../modules/invoices/domain/invoice-repository.port';
import { EmbeddedDocumentAnalyzer } from '../modules/invoices/adapters/embedded-document-analyzer.adapter';
import { DOCUMENT_ANALYZER, DocumentAnalyzer } from '../modules/invoices/domain/document-analyzer.port';
import { PostgresSkuLookup } from '../modules/matching/adapters/postgres-sku-lookup.repository';
import { SKU_LOOKUP, SkuLookup } from '../modules/matching/domain/sku-lookup.port';
import { PostgresOrderRepository } from '../modules/orders/adapters/postgres-order.repository';
import { SimulatedCarrier } from '../modules/orders/adapters/simulated-carrier.adapter';
import { SimulatedPaymentProvider } from '../modules/orders/adapters/simulated-payment-provider.adapter';
import { CARRIER } from '../modules/orders/domain/carrier.port';
import { ORDER_REPOSITORY, OrderRepository } from '../modules/orders/domain/order-repository.port';
import { PAYMENT_PROVIDER } from '../modules/orders/domain/payment-provider.port';
import { PostgresSearchIndex } from '../modules/search/adapters/postgres-search-index.adapter';
import { PostgresSalesMetricsStore } from '../modules/sales/adapters/postgres-sales-metrics.store';
import { SALES_METRICS_STORE, SalesMetricsStore } from '../modules/sales/domain/sales-metrics-store.port';
import { SEARCH_INDEX, SearchIndex } from '../modules/search/domain/search-index.port';
import { DuckDbAnalyticsEngine } from '../modules/analytics/adapters/duckdb-analytics-engine.adapter';
import { ANALYTICS_ENGINE, AnalyticsEngine } from '../modules/analytics/domain/analytics-engine.port';
import { CacheMetrics } from './cache/cache-metrics';
import { createInMemoryCache } from './cache/in-memory-cache.adapter';
import { DatabaseModule } from './database/database.module';
import { loadOnFirstCall } from './load-on-first-call';
import { OutboxNotifier } from './notifications/outbox-notifier.adapter';
import { QueueModule } from './queue/queue.module';
import { LocalObjectStorage } from './storage/local-object-storage.adapter';
import { withLatency } from './simulation/with-latency';

/**
 * The one place that chooses an adapter for each port, from the profile and the
 * per-port overrides in AppConfig. AWS adapters are imported lazily, on their first call,
 * so the embedded profile never loads an SDK and a Lambda cold start only those it uses.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig): DynamicModule {
    const orderRepository: Provider =
      config.ports.orderStore === 'dynamodb'
        ? {
            provide: ORDER_REPOSITORY,
            useFactory: () =>
              loadOnFirstCall<OrderRepository>(
                async () => (await import('./aws/dynamodb-order-repository.factory')).createDynamoDbOrderRepository(config.aws),
                { create: true, findById: true, list: true, update: true },
              ),
          }
        : { provide: ORDER_REPOSITORY, inject: [DataSource], useFactory: (db: DataSource) => new PostgresOrderRepository(db) };
    const skuLookup: Provider =
      config.ports.skuLookup === 'dynamodb'
        ? {
            provide: SKU_LOOKUP,
            useFactory: () =>
              loadOnFirstCall<SkuLookup>(async () => (await import('./aws/dynamodb-sku-lookup.factory')).createDynamoDbSkuLookup(config.aws), {
                find: true,
                putMany: true,
                remove: true,
              }),
          }
        : { provide: SKU_LOOKUP, inject: [DataSource], useFactory: (db: DataSource) => new PostgresSkuLookup(db) };
    const notifier: Provider =
      config.ports.notifier === 'sns'
        ? {
            provide: NOTIFIER,
            inject: [DataSource],
            useFactory: (db: DataSource) =>
              loadOnFirstCall<Notifier>(async () => (await import('./aws/sns-notifier.factory')).createSnsNotifier(config.aws, db), { send: true }),
          }
        : {
            provide: NOTIFIER,
            inject: [DataSource],
            useFactory: async (db: DataSource) =>
              new OutboxNotifier(db, {
                outboxDir: join(config.dataDir, 'outbox'),
                from: config.mail.from,
                // nodemailer is loaded only when there is an SMTP relay to talk to.
                smtp: config.mail.smtpUrl ? (await import('nodemailer')).createTransport(config.mail.smtpUrl) : undefined,
              }),
          };
    const objectStorage: Provider =
      config.ports.objectStore === 's3'
        ? {
            provide: OBJECT_STORAGE,
            useFactory: () =>
              loadOnFirstCall<ObjectStorage>(async () => (await import('./aws/s3-object-storage.factory')).createS3ObjectStorage(config.aws), {
                put: true,
                get: true,
                head: true,
                list: true,
              }),
          }
        : { provide: OBJECT_STORAGE, useValue: new LocalObjectStorage(join(config.dataDir, 'objects')) };
    const invoiceRepository: Provider = {
      provide: INVOICE_REPOSITORY,
      inject: [DataSource],
      useFactory: (db: DataSource) => new PostgresInvoiceRepository(db),
    };
    const documentAnalyzer: Provider =
      config.ports.documentAnalyzer === 'textract'
        ? {
            provide: DOCUMENT_ANALYZER,
            useFactory: () =>
              loadOnFirstCall<DocumentAnalyzer>(
                async () => (await import('./aws/textract-document-analyzer.factory')).createTextractDocumentAnalyzer(config.aws),
                { analyze: true },
              ),
          }
        : { provide: DOCUMENT_ANALYZER, useFactory: () => new EmbeddedDocumentAnalyzer({ languages: config.ocr.languages }) };
    const searchIndex: Provider =
      config.ports.searchEngine === 'opensearch'
        ? {
            provide: SEARCH_INDEX,
            useFactory: () =>
              loadOnFirstCall<SearchIndex>(
                async () => (await import('./aws/opensearch-search-index.factory')).createOpenSearchSearchIndex(config.aws, config.search),
                { apply: true, searchProducts: true, autocomplete: true, searchPurchases: true, beginReindex: true, load: true, activate: true, abandon: true },
              ),
          }
        : { provide: SEARCH_INDEX, inject: [DataSource], useFactory: (db: DataSource) => new PostgresSearchIndex(db) };
    // Only simulated payment and carrier adapters exist so far; real ones would be picked here.
    const latency = config.simulation.providerLatencyMs;
    const fulfilment: Provider[] = [
      { provide: PAYMENT_PROVIDER, inject: [DataSource], useFactory: (db: DataSource) => withLatency(new SimulatedPaymentProvider(db), latency) },
      { provide: CARRIER, inject: [DataSource], useFactory: (db: DataSource) => withLatency(new SimulatedCarrier(db), latency) },
    ];
    const salesMetrics: Provider =
      config.ports.salesMetrics === 'dynamodb'
        ? {
            provide: SALES_METRICS_STORE,
            useFactory: () =>
              loadOnFirstCall<SalesMetricsStore>(
                async () => (await import('./aws/dynamodb-sales-metrics.factory')).createDynamoDbSalesMetricsStore(config.aws),
                { apply: true, readBuckets: true, expire: true },
              ),
          }
        : { provide: SALES_METRICS_STORE, inject: [DataSource], useFactory: (db: DataSource) => new PostgresSalesMetricsStore(db) };
    const cache: Provider = {
      provide: CACHE,
      inject: [METRICS],
      useFactory: async (output: Metrics) => {
        const metrics = new CacheMetrics(output);
        const { redisUrl, maxEntries, defaultTtlSeconds } = config.cache;
        if (config.ports.cache === 'memory') return createInMemoryCache({ maxEntries, defaultTtlSeconds, metrics });
        const { createRedisCache } = await import('./cache/redis-cache.adapter');
        return createRedisCache({ url: redisUrl!, keyPrefix: 'mercantil:', defaultTtlSeconds, metrics });
      },
    };
    const analyticsEngine: Provider =
      config.ports.analyticsEngine === 'athena'
        ? {
            provide: ANALYTICS_ENGINE,
            useFactory: (): AnalyticsEngine => ({
              slow: true, // the Athena adapter's own answer, known without loading its SDK
              ...loadOnFirstCall<Pick<AnalyticsEngine, 'run'>>(
                async () => (await import('./aws/athena-analytics-engine.factory')).createAthenaAnalyticsEngine(config.aws, config.analytics),
                { run: true },
              ),
            }),
          }
        : { provide: ANALYTICS_ENGINE, useFactory: () => new DuckDbAnalyticsEngine(join(config.dataDir, 'objects', config.storage.buckets.dataLake)) };
    return {
      module: InfrastructureModule,
      imports: [DatabaseModule.forRoot(config), QueueModule.forRoot(config)],
      providers: [orderRepository, invoiceRepository, skuLookup, notifier, objectStorage, documentAnalyzer, cache, salesMetrics, analyticsEngine, searchIndex, ...fulfilment],
      exports: [
        CACHE,
        ANALYTICS_ENGINE,
        ORDER_REPOSITORY,
        INVOICE_REPOSITORY,
        SKU_LOOKUP,
        NOTIFIER,
        OBJECT_STORAGE,
        DOCUMENT_ANALYZER,
        SEARCH_INDEX,
        PAYMENT_PROVIDER,
        CARRIER,
        SALES_METRICS_STORE,
        QueueModule,
      ],
    };
  }
}
