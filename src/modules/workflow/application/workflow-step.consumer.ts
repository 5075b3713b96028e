import { Injectable } from '@nestjs/common';
import { QueueConsumer, QueueMessageHandler } from '../../../common/queue/queue-consumer';
import { WORKFLOW_QUEUE } from '../../../common/queue/queue-definition';
import { QueueMessage } from '../../../common/queue/queue.port';
import { ExecutionRunner, WorkflowStepMessage } from './execution-runner';

@Injectable()
@QueueConsumer(WORKFLOW_QUEUE)
export class WorkflowStepConsumer implements QueueMessageHandler<WorkflowStepMessage> {
  constructor(private readonly runner: ExecutionRunner) {}

  async handle(message: QueueMessage<WorkflowStepMessage>): Promise<void> {
    const executionId = message.body?.executionId;
    // Thrown, not dropped: the message ends up in the dead-letter queue where it can be inspected.
    if (typeof executionId !== 'string') throw new Error(`Message ${message.id} on ${WORKFLOW_QUEUE} has no executionId`);
    await this.runner.run(executionId);
  }
}
