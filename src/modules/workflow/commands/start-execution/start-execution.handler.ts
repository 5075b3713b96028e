import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { WORKFLOW_ENGINE, WorkflowEngine } from '../../domain/workflow-engine.port';
import { StartExecutionCommand, StartExecutionResult } from './start-execution.command';

@CommandHandler(StartExecutionCommand)
export class StartExecutionHandler implements ICommandHandler<StartExecutionCommand> {
  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  execute({ tenantId, workflowName, input, name }: StartExecutionCommand): Promise<StartExecutionResult> {
    return this.engine.start({ tenantId, workflowName, input, name: name ?? randomUUID() });
  }
}
