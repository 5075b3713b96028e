import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CRON_SCHEDULES, CronSchedule } from '../../common/queue/cron-schedules';
import { QueueDefinition } from '../../common/queue/queue-definition';
import { Queue, QUEUE } from '../../common/queue/queue.port';
import { AppConfig } from '../../config/app-config';
import { loadOnFirstCall } from '../load-on-first-call';
import { QueueCronFires } from './cron-fires';
import { CRON_SCHEDULE_LIST, CronScheduler } from './cron-scheduler.service';
import { PostgresQueueAdapter } from './postgres-queue.adapter';
import { QueueConsumerRegistry } from './queue-consumer.registry';
import { QUEUE_DEFINITION_LIST, queueDefinitionListProvider } from './queue-definition-list';
import { QueueMetrics } from './queue-metrics';
import { QueueWorker } from './queue-worker.service';
import { TracingQueue } from './tracing-queue';

/** The adapter itself; everything else injects QUEUE, which adds trace ids to what is sent. */
const QUEUE_ADAPTER = Symbol('QUEUE_ADAPTER');

/**
 * The Queue port's adapter (embedded Postgres table, or SQS), the consumer registry, the
 * worker that runs consumers, and queue depth metrics, and the cron scheduler unless
 * EventBridge Scheduler sends the cron messages (CRON_SCHEDULER; on AWS by default).
 */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const sqs = config.ports.queue === 'sqs';
    const adapter: Provider = sqs
      ? {
          provide: QUEUE_ADAPTER,
          inject: [QUEUE_DEFINITION_LIST],
          useFactory: (definitions: readonly QueueDefinition[]) =>
            loadOnFirstCall<Queue>(async () => (await import('../aws/sqs-queue-adapter.factory')).createSqsQueueAdapter(config.aws, definitions), {
              send: true,
              receive: true,
              ack: true,
              retry: true,
              depth: true,
            }),
        }
      : {
          provide: QUEUE_ADAPTER,
          inject: [DataSource, QUEUE_DEFINITION_LIST],
          useFactory: (db: DataSource, definitions: readonly QueueDefinition[]) => new PostgresQueueAdapter(db, { definitions }),
        };
    const cron: Provider = {
      provide: CronScheduler,
      inject: [QUEUE_ADAPTER, DataSource, { token: CRON_SCHEDULE_LIST, optional: true }],
      useFactory: (adapter: Queue, db: DataSource, schedules?: readonly CronSchedule[]) =>
        new CronScheduler(sqs ? new QueueCronFires(db, adapter) : (adapter as PostgresQueueAdapter), schedules ?? CRON_SCHEDULES),
    };
    const tracing: Provider = { provide: QUEUE, inject: [QUEUE_ADAPTER], useFactory: (adapter: Queue) => new TracingQueue(adapter) };
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [queueDefinitionListProvider, adapter, tracing, QueueConsumerRegistry, QueueWorker, QueueMetrics, ...(config.worker.cron === 'embedded' ? [cron] : [])],
      exports: [QUEUE, QUEUE_DEFINITION_LIST, QueueConsumerRegistry, QueueWorker],
    };
  }
}
