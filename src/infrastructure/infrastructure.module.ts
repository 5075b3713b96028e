import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { PostgresOrderRepository } from '../modules/orders/adapters/postgres-order.repository';
import { ORDER_REPOSITORY } from '../modules/orders/domain/order-repository.port';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queue/queue.module';

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
    return {
      module: InfrastructureModule,
      imports: [DatabaseModule.forRoot(config), QueueModule.forRoot(config)],
      providers: [orderRepository],
      exports: [ORDER_REPOSITORY, QueueModule],
    };
  }
}
