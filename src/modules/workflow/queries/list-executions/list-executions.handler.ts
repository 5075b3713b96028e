import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ExecutionViewPage, WORKFLOW_ENGINE, WorkflowEngine } from '../../domain/workflow-engine.port';
import { ListExecutionsQuery } from './list-executions.query';

@QueryHandler(ListExecutionsQuery)
export class ListExecutionsHandler implements IQueryHandler<ListExecutionsQuery> {
  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  execute({ tenantId, query }: ListExecutionsQuery): Promise<ExecutionViewPage> {
    return this.engine.list(tenantId, query);
  }
}
