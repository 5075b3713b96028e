import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { NOTIFIER } from '../common/notifications/notifier.port';
import { OBJECT_STORAGE } from '../common/storage/object-storage.port';
import { AppConfig } from '../config/app-config';
import { PostgresInvoiceRepository } from '../modules/invoices/adapters/postgres-invoice.repository';
import { INVOICE_REPOSITORY } from '../modules/invoices/domain/invoice-repository.port';
import { EmbeddedDocumentAnalyzer } from '../modules/invoices/adapters/embedded-document-analyzer.adapter';
import { DOCUMENT_ANALYZER } from '../modules/invoices/domain/document-analyzer.port';
import { PostgresSkuLookup } from '../modules/matching/adapters/postgres-sku-lookup.repository';
import { SKU_LOOKUP } from '../modules/matching/domain/sku-lookup.port';
import { PostgresOrderRepository } from '../modules/orders/adapters/postgres-order.repository';
import { SimulatedCarrier } from '../modules/orders/adapters/simulated-carrier.adapter';
import { SimulatedPaymentProvider } from '../modules/orders/adapters/simulated-payment-provider.adapter';
import { CARRIER } from '../modules/orders/domain/carrier.port';
import { ORDER_REPOSITORY } from '../modules/orders/domain/order-repository.port';
import { PAYMENT_PROVIDER } from '../modules/orders/domain/payment-provider.port';
import { DatabaseModule } from './database/database.module';
import { OutboxNotifier } from './notifications/outbox-notifier.adapter';
import { QueueModule } from './queue/queue.module';
import { LocalObjectStorage } from './storage/local-object-storage.adapter';
import { withLatency } from './simulation/with-latency';

/**
 * The one place that chooses an adapter for each port, from the profile and the
 * per-port overrides in AppConfig. AWS adapters are imported lazily so the embedded
 * profile and Lambda cold starts never load SDKs they do not use.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig): DynamicModule {
    const orderRepository: Provider =
      config.ports.orderStore === 'dynamodb'
        ? {
            provide: ORDER_REPOSITORY,
            useFactory: async () => {
              const { createDynamoDbOrderRepository } = await import('./aws/dynamodb-order-repository.factory');
              return createDynamoDbOrderRepository(config.aws);
            },
          }
        : { provide: ORDER_REPOSITORY, inject: [DataSource], useFactory: (db: DataSource) => new PostgresOrderRepository(db) };
    const skuLookup: Provider =
      config.ports.skuLookup === 'dynamodb'
        ? {
            provide: SKU_LOOKUP,
            useFactory: async () => {
              const { createDynamoDbSkuLookup } = await import('./aws/dynamodb-sku-lookup.factory');
              return createDynamoDbSkuLookup(config.aws);
            },
          }
        : { provide: SKU_LOOKUP, inject: [DataSource], useFactory: (db: DataSource) => new PostgresSkuLookup(db) };
    const notifier: Provider =
      config.ports.notifier === 'sns'
        ? {
            provide: NOTIFIER,
            inject: [DataSource],
            useFactory: async (db: DataSource) => {
              const { createSnsNotifier } = await import('./aws/sns-notifier.factory');
              return createSnsNotifier(config.aws, db);
            },
          }
        : {
            provide: NOTIFIER,
            inject: [DataSource],
            useFactory: (db: DataSource) =>
              new OutboxNotifier(db, {
                outboxDir: join(config.dataDir, 'outbox'),
                from: config.mail.from,
                smtp: config.mail.smtpUrl ? createTransport(config.mail.smtpUrl) : undefined,
              }),
          };
    const objectStorage: Provider =
      config.ports.objectStore === 's3'
        ? {
            provide: OBJECT_STORAGE,
            useFactory: async () => {
              const { createS3ObjectStorage } = await import('./aws/s3-object-storage.factory');
              return createS3ObjectStorage(config.aws);
            },
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
            useFactory: async () => {
              const { createTextractDocumentAnalyzer } = await import('./aws/textract-document-analyzer.factory');
              return createTextractDocumentAnalyzer(config.aws);
            },
          }
        : { provide: DOCUMENT_ANALYZER, useFactory: () => new EmbeddedDocumentAnalyzer({ languages: config.ocr.languages }) };
    // Only simulated payment and carrier adapters exist so far; real ones would be picked here.
    const latency = config.simulation.providerLatencyMs;
    const fulfilment: Provider[] = [
      { provide: PAYMENT_PROVIDER, inject: [DataSource], useFactory: (db: DataSource) => withLatency(new SimulatedPaymentProvider(db), latency) },
      { provide: CARRIER, inject: [DataSource], useFactory: (db: DataSource) => withLatency(new SimulatedCarrier(db), latency) },
    ];
    return {
      module: InfrastructureModule,
      imports: [DatabaseModule.forRoot(config), QueueModule.forRoot(config)],
      providers: [orderRepository, invoiceRepository, skuLookup, notifier, objectStorage, documentAnalyzer, ...fulfilment],
      exports: [
        ORDER_REPOSITORY,
        INVOICE_REPOSITORY,
        SKU_LOOKUP,
        NOTIFIER,
        OBJECT_STORAGE,
        DOCUMENT_ANALYZER,
        PAYMENT_PROVIDER,
        CARRIER,
        QueueModule,
      ],
    };
  }
}
