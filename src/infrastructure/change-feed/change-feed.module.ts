import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ChangeOutbox } from './change-outbox';
import { ChangeRelay } from './change-relay.service';
import { changeSubscriberListProvider } from './change-subscriber-list';
import { ChangeSubscriberRegistry } from './change-subscriber.registry';
import { RelayLease } from './relay-lease';

/**
 * The product and order change feed: the relay from the transactional outbox to the
 * subscribers' ordered queues (started with the workers, see start-workers.ts), and the
 * registry that makes each @SubscribeToChanges provider the consumer of its queue. On AWS
 * the orders' changes come from the DynamoDB stream instead (workers/dynamodb-stream.handler.ts),
 * while products, which stay in Postgres, still go through the outbox and SQS FIFO queues.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    changeSubscriberListProvider,
    { provide: ChangeOutbox, inject: [DataSource], useFactory: (db: DataSource) => new ChangeOutbox(db) },
    { provide: RelayLease, inject: [DataSource], useFactory: (db: DataSource) => new RelayLease(db) },
    ChangeRelay,
    ChangeSubscriberRegistry,
  ],
  exports: [ChangeRelay, ChangeSubscriberRegistry, ChangeOutbox],
})
export class ChangeFeedModule {}
