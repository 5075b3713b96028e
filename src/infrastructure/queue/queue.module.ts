import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CRON_SCHEDULES, CronSchedule } from '../../common/queue/cron-schedules';
import { QueueDefinition } from '../../common/queue/queue-definition';
import { Queue, QUEUE } from '../../common/queue/queue.port';
import { AppConfig } from '../../config/app-config';
import { CRON_SCHEDULE_LIST, CronScheduler } from './cron-scheduler.service';
import { PostgresQueueAdapter } from './postgres-queue.adapter';
import { QueueConsumerRegistry } from './queue-consumer.registry';
import { QUEUE_DEFINITION_LIST, queueDefinitionListProvider } from './queue-definition-list';
import { QueueMetrics } from './queue-metrics';
import { QueueWorker } from './queue-worker.service';

/**
 * The Queue port's adapter (embedded Postgres table, or SQS), the consumer registry, the
 * worker that runs consumers, and queue depth metrics. The embedded profile also gets the
 * cron scheduler; on AWS, EventBridge Scheduler sends the cron messages instead.
 */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const sqs = config.ports.queue === 'sqs';
    const queue: Provider = sqs
      ? {
          provide: QUEUE,
          inject: [QUEUE_DEFINITION_LIST],
          useFactory: async (definitions: readonly QueueDefinition[]) => {
            const { createSqsQueueAdapter } = await import('../aws/sqs-queue-adapter.factory');
            return createSqsQueueAdapter(config.aws, definitions);
          },
        }
      : {
          provide: QUEUE,
          inject: [DataSource, QUEUE_DEFINITION_LIST],
          useFactory: (db: DataSource, definitions: readonly QueueDefinition[]) => new PostgresQueueAdapter(db, { definitions }),
        };
    const cron: Provider = {
      provide: CronScheduler,
      inject: [QUEUE, { token: CRON_SCHEDULE_LIST, optional: true }],
      useFactory: (adapter: Queue, schedules?: readonly CronSchedule[]) =>
        new CronScheduler(adapter as PostgresQueueAdapter, schedules ?? CRON_SCHEDULES),
    };
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [queueDefinitionListProvider, queue, QueueConsumerRegistry, QueueWorker, QueueMetrics, ...(sqs ? [] : [cron])],
      exports: [QUEUE, QUEUE_DEFINITION_LIST, QueueConsumerRegistry, QueueWorker],
    };
  }
}
