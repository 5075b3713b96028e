import { INestApplicationContext } from '@nestjs/common';
import { ChangeRelay } from '../infrastructure/change-feed/change-relay.service';
import { QueueWorker } from '../infrastructure/queue/queue-worker.service';
import { ExecutionRecovery } from '../modules/workflow/application/execution-recovery';

/**
 * Everything a worker runs in the background: the queue consumers, the change feed's relay
 * from the outbox to its subscriber queues, and the sweep that resumes workflow executions a
 * crashed worker left behind. The HTTP server calls it in in-process mode, worker.ts always,
 * the Lambda handlers never.
 */
export function startWorkers(app: INestApplicationContext): void {
  app.get(QueueWorker).start();
  app.get(ExecutionRecovery).start();
  app.get(ChangeRelay).start();
}
