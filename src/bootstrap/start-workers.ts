import { INestApplicationContext } from '@nestjs/common';
import type { DynamoDbStreamPoller } from '../infrastructure/aws/dynamodb-stream-poller';
import { ORDERS_STREAM_POLLER } from '../infrastructure/change-feed/change-feed.module';
import { ChangeRelay } from '../infrastructure/change-feed/change-relay.service';
import { QueueWorker } from '../infrastructure/queue/queue-worker.service';
import { ExecutionRecovery } from '../modules/workflow/application/execution-recovery';

/**
 * Everything a worker runs in the background: the queue consumers, the change feed's relay
 * from the outbox to its subscriber queues (and, when configured, the poller of the orders
 * table's stream), and the sweep that resumes workflow executions a
 * crashed worker left behind. The HTTP server calls it in in-process mode, worker.ts always,
 * the Lambda handlers never.
 */
export function startWorkers(app: INestApplicationContext): void {
  app.get(QueueWorker).start();
  app.get(ExecutionRecovery).start();
  app.get(ChangeRelay).start();
  app.get<DynamoDbStreamPoller | null>(ORDERS_STREAM_POLLER)?.start();
}
