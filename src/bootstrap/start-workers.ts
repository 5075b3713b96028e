import { INestApplicationContext } from '@nestjs/common';
import { QueueWorker } from '../infrastructure/queue/queue-worker.service';
import { ExecutionRecovery } from '../modules/workflow/application/execution-recovery';

/**
 * Everything a worker runs in the background: the queue consumers, and the sweep that
 * resumes workflow executions a crashed worker left behind. The HTTP server calls it in
 * in-process mode, worker.ts always, the Lambda handlers never.
 */
export function startWorkers(app: INestApplicationContext): void {
  app.get(QueueWorker).start();
  app.get(ExecutionRecovery).start();
}
