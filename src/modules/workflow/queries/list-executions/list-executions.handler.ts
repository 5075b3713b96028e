import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkflowRegistry } from '../../application/workflow-registry';
import { EXECUTION_REPOSITORY, ExecutionPage, ExecutionRepository } from '../../domain/execution-repository.port';
import { ListExecutionsQuery } from './list-executions.query';

@QueryHandler(ListExecutionsQuery)
export class ListExecutionsHandler implements IQueryHandler<ListExecutionsQuery> {
  constructor(
    @Inject(EXECUTION_REPOSITORY) private readonly executions: ExecutionRepository,
    private readonly registry: WorkflowRegistry,
  ) {}

  execute({ tenantId, query }: ListExecutionsQuery): Promise<ExecutionPage> {
    this.registry.get(query.workflowName);
    return this.executions.list(tenantId, query);
  }
}
