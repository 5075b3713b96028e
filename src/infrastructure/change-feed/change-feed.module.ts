import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ChangeOutbox } from './change-outbox';
import { ChangeRelay } from './change-relay.service';
import { changeSubscriberListProvider } from './change-subscriber-list';
import { ChangeSubscriberRegistry } from './change-subscriber.registry';
import { CHANGE_RELAY_LEASE, FeedLease } from './feed-lease';

/**
 * The product and order change feed: the relay from the transactional outbox to the
 * subscribers' ordered queues (started with the workers, see start-workers.ts), and the
 * registry that makes each @SubscribeToChanges provider the consumer of its queue. On AWS
 * the orders' changes come from the DynamoDB stream instead (workers/dynamodb-stream.handler.ts),
 * (or, where no Lambda reads that stream, the workers' poller), while products, which stay in
 * Postgres, still go through the outbox and SQS FIFO queues.
 */
/** The workers' poller of the orders table's stream when ORDERS_STREAM_POLLING is on, else null. */
export const ORDERS_STREAM_POLLER = Symbol('ORDERS_STREAM_POLLER');

@Module({
  imports: [DiscoveryModule],
  providers: [
    changeSubscriberListProvider,
    { provide: ChangeOutbox, inject: [DataSource], useFactory: (db: DataSource) => new ChangeOutbox(db) },
    { provide: CHANGE_RELAY_LEASE, inject: [DataSource], useFactory: (db: DataSource) => new FeedLease(db, CHANGE_RELAY_LEASE) },
    ChangeRelay,
    ChangeSubscriberRegistry,
    {
      provide: ORDERS_STREAM_POLLER,
      inject: [APP_CONFIG, DataSource, ChangeSubscriberRegistry],
      useFactory: async (config: AppConfig, db: DataSource, registry: ChangeSubscriberRegistry) =>
        config.worker.ordersStreamPolling ? (await import('../aws/orders-stream-poller.factory')).createOrdersStreamPoller(config.aws, db, registry) : null,
    },
  ],
  exports: [ChangeRelay, ChangeSubscriberRegistry, ChangeOutbox, ORDERS_STREAM_POLLER],
})
export class ChangeFeedModule {}
