import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ExecutionView, WORKFLOW_ENGINE, WorkflowEngine } from '../../domain/workflow-engine.port';
import { GetExecutionQuery } from './get-execution.query';

@QueryHandler(GetExecutionQuery)
export class GetExecutionHandler implements IQueryHandler<GetExecutionQuery> {
  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  execute({ tenantId, executionId }: GetExecutionQuery): Promise<ExecutionView> {
    return this.engine.get(tenantId, executionId);
  }
}
